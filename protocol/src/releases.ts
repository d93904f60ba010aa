/**
 * Releases of the kiosk and player apps, served by the admin server as an update feed: staff upload
 * a version's files, roll it out to device groups and a share of the fleet, pause it or withdraw it
 * (devices on it go back to the release before). Electron builds read the feed as electron-updater's
 * generic provider does (`latest.yml` with sha512); the browser-shell deployment reads the same
 * decision as JSON and installs a signed archive of its host and screens.
 */
import Type from 'typebox';

export const RELEASE_APPS = ['kiosk', 'player'] as const;
export const ReleaseApp = Type.Enum(RELEASE_APPS);
export type ReleaseApp = (typeof RELEASE_APPS)[number];

/** stable: every device by default; beta: devices set to follow it get beta releases and stable ones. */
export const RELEASE_CHANNELS = ['stable', 'beta'] as const;
export const ReleaseChannel = Type.Enum(RELEASE_CHANNELS);
export type ReleaseChannel = (typeof RELEASE_CHANNELS)[number];

/** What a release file installs on: an Electron package, or the browser shell's archive. */
export const RELEASE_PLATFORMS = ['linux-x64', 'linux-arm64', 'win-x64', 'browser-shell'] as const;
export const ReleasePlatform = Type.Enum(RELEASE_PLATFORMS);
export type ReleasePlatform = (typeof RELEASE_PLATFORMS)[number];

/** rolling: reaches its groups and its share; paused: keeps the devices on it, takes no more; withdrawn: rolled back. */
export const RELEASE_STATES = ['rolling', 'paused', 'withdrawn'] as const;
export const ReleaseState = Type.Enum(RELEASE_STATES);
export type ReleaseState = (typeof RELEASE_STATES)[number];

/** A version as electron-builder writes it: major.minor.patch with an optional pre-release (1.2.0-beta.1). */
export const VERSION_PATTERN = '^(0|[1-9]\\d{0,5})\\.(0|[1-9]\\d{0,5})\\.(0|[1-9]\\d{0,5})(-[0-9A-Za-z.]{1,20})?$';

export const ReleaseInput = Type.Object(
  {
    app: ReleaseApp,
    channel: ReleaseChannel,
    version: Type.String({ pattern: VERSION_PATTERN, description: 'e.g. 1.2.0 or 1.3.0-beta.1' }),
    notes: Type.String({ maxLength: 2000, description: 'What changed, shown to staff' }),
  },
  { additionalProperties: false },
);
export type ReleaseInput = Type.Static<typeof ReleaseInput>;

export const RolloutInput = Type.Object(
  {
    groupIds: Type.Array(Type.Integer({ minimum: 1 }), {
      maxItems: 50,
      description: 'Device groups that get the release whatever the share (pilot halls first)',
    }),
    percent: Type.Integer({ minimum: 0, maximum: 100, description: 'The share of all other devices that get it' }),
    paused: Type.Boolean({ description: 'Devices on it keep it; no further device takes it' }),
  },
  { additionalProperties: false },
);
export type RolloutInput = Type.Static<typeof RolloutInput>;

/** An Ed25519 signature over the file's SHA-512 digest, base64 (the browser-shell archive must carry one). */
export const ReleaseSignature = Type.String({ pattern: '^[A-Za-z0-9+/]{86}==$' });

export const ReleaseFileView = Type.Object({
  platform: ReleasePlatform,
  name: Type.String(),
  size: Type.Integer(),
  sha512: Type.String({ description: 'base64, as latest.yml carries it' }),
  signature: Type.Union([Type.String(), Type.Null()]),
  uploadedAt: Type.String(),
});
export type ReleaseFileView = Type.Static<typeof ReleaseFileView>;

export const ReleaseView = Type.Object({
  id: Type.Integer(),
  app: ReleaseApp,
  channel: ReleaseChannel,
  version: Type.String(),
  notes: Type.String(),
  state: ReleaseState,
  groupIds: Type.Array(Type.Integer()),
  percent: Type.Integer(),
  files: Type.Array(ReleaseFileView),
  /** Devices of the release's app that last reported running its version. */
  devicesOn: Type.Integer(),
  createdBy: Type.String(),
  createdAt: Type.String(),
});
export type ReleaseView = Type.Static<typeof ReleaseView>;
export const ReleaseList = Type.Object({ releases: Type.Array(ReleaseView) });
export type ReleaseList = Type.Static<typeof ReleaseList>;

export const UpdateChannelInput = Type.Object({ channel: ReleaseChannel }, { additionalProperties: false });
export type UpdateChannelInput = Type.Static<typeof UpdateChannelInput>;

/** What a device's updater is doing, as its heartbeat reports it (shown in the fleet view). */
export const UPDATE_STEPS = [
  'current',
  'downloading',
  'waiting-for-visit',
  'restarting',
  'failed',
  'rolled-back',
] as const;
export const UpdateStep = Type.Enum(UPDATE_STEPS);
export type UpdateStep = (typeof UPDATE_STEPS)[number];

export const UpdateReport = Type.Object(
  {
    step: UpdateStep,
    version: Type.Union([Type.String({ maxLength: 40 }), Type.Null()], {
      description: 'The version being installed, or the one that failed or was rolled back',
    }),
    detail: Type.Union([Type.String({ maxLength: 200 }), Type.Null()], { description: 'An error code and why' }),
  },
  { additionalProperties: false },
);
export type UpdateReport = Type.Static<typeof UpdateReport>;

/** The browser shell's offer: the release this device should run, or null to stay as it is. */
export const ShellUpdateOffer = Type.Object({
  release: Type.Union([
    Type.Object({
      releaseId: Type.Integer(),
      version: Type.String({ pattern: VERSION_PATTERN }),
      url: Type.String({
        pattern: '^updates/(kiosk|player)/files/[0-9]{1,12}/browser-shell/[A-Za-z0-9][A-Za-z0-9._-]{0,99}$',
        description: 'The archive, relative to the device API',
      }),
      size: Type.Integer({ minimum: 1 }),
      sha256: Type.String({
        pattern: '^[0-9a-f]{64}$',
        description: 'hex: the download resumes against it (If-Range)',
      }),
      sha512: Type.String({ description: 'base64: what the signature signs' }),
      signature: ReleaseSignature,
    }),
    Type.Null(),
  ]),
});
export type ShellUpdateOffer = Type.Static<typeof ShellUpdateOffer>;

/**
 * Orders versions as semantic versioning does: by number, and a pre-release before its release
 * (1.2.0-beta.1 < 1.2.0). Versions that do not match VERSION_PATTERN order by their text.
 */
export function compareVersions(a: string, b: string): number {
  const parse = (version: string) => new RegExp(VERSION_PATTERN).exec(version);
  const left = parse(a);
  const right = parse(b);
  if (!left || !right) return a < b ? -1 : a > b ? 1 : 0;
  for (let part = 1; part <= 3; part++) {
    const difference = Number(left[part]) - Number(right[part]);
    if (difference !== 0) return Math.sign(difference);
  }
  const [preLeft, preRight] = [left[4], right[4]];
  if (preLeft === preRight) return 0;
  if (preLeft === undefined) return 1;
  if (preRight === undefined) return -1;
  const numeric = (text: string) => /^\d+$/.test(text);
  const [partsLeft, partsRight] = [preLeft.slice(1).split('.'), preRight.slice(1).split('.')];
  for (let index = 0; index < Math.max(partsLeft.length, partsRight.length); index++) {
    const [x, y] = [partsLeft[index], partsRight[index]];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    if (numeric(x) && numeric(y)) return Math.sign(Number(x) - Number(y));
    if (numeric(x)) return -1;
    if (numeric(y)) return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * The browser shell's update state (`state.json` in its update folder), shared by the launcher
 * that starts the kiosk and the host's updater. `current` null: the runtime installed with the
 * launcher. `trial`: a version started for the first time; it becomes `current` for good once it
 * serves its screens, or else the launcher goes back to `previous`.
 */
export const ShellUpdateState = Type.Object(
  {
    current: Type.Union([Type.String({ pattern: VERSION_PATTERN }), Type.Null()]),
    previous: Type.Union([Type.String({ pattern: VERSION_PATTERN }), Type.Null()]),
    trial: Type.Boolean({ description: '`current` has not served its screens yet' }),
    failed: Type.Array(Type.String({ pattern: VERSION_PATTERN }), {
      maxItems: 20,
      description: 'Versions that failed to start and were rolled back: never installed again',
    }),
    lastFailure: Type.Union([
      Type.Object({ version: Type.String(), detail: Type.String({ maxLength: 200 }), at: Type.String() }),
      Type.Null(),
    ]),
  },
  { additionalProperties: false },
);
export type ShellUpdateState = Type.Static<typeof ShellUpdateState>;

/** What the browser-shell archive carries beside the code, checked against the offer before it is installed. */
export const ShellArchiveManifest = Type.Object(
  { app: ReleaseApp, version: Type.String({ pattern: VERSION_PATTERN }) },
  { additionalProperties: false },
);
export type ShellArchiveManifest = Type.Static<typeof ShellArchiveManifest>;
