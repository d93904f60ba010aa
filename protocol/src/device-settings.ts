/**
 * Settings the admin server pushes to kiosks, per device group or per device (a device's own
 * settings win over its groups'), and remote commands with their results. A setting left out
 * keeps the kiosk's own default from its environment.
 */
import Type from 'typebox';
import { PeripheralsFile } from './peripherals';

const CLOCK = '([01]\\d|2[0-3]):[0-5]\\d';

export const DeviceSettings = Type.Object(
  {
    idleSec: Type.Optional(
      Type.Integer({
        minimum: 30,
        maximum: 1800,
        description: 'Seconds without a touch before the end-of-visit warning',
      }),
    ),
    idleWarningSec: Type.Optional(Type.Integer({ minimum: 5, maximum: 120, description: 'Seconds of that warning' })),
    attractNotices: Type.Optional(Type.Boolean({ description: 'Show the latest notices on the attract screen' })),
    attractMessage: Type.Optional(
      Type.String({ maxLength: 60, description: 'A line under the touch hint, e.g. 工作日 9:00–17:00 有工作人员在岗' }),
    ),
    openingHours: Type.Optional(
      Type.String({ pattern: `^${CLOCK}-${CLOCK}$`, description: 'Shown on the attract screen, e.g. 09:00-17:00' }),
    ),
    screenOff: Type.Optional(
      Type.String({ pattern: `^${CLOCK}-${CLOCK}$`, description: 'Screen dark between these times (Electron shell)' }),
    ),
    dailyRestart: Type.Optional(
      Type.String({ pattern: `^${CLOCK}$`, description: 'Daily restart time (Electron shell)' }),
    ),
    allowedOrigins: Type.Optional(
      Type.Array(Type.String({ pattern: '^https://[^/\\s]+$' }), {
        maxItems: 50,
        description: 'https origins residents may visit (Electron shell)',
      }),
    ),
    peripherals: Type.Optional(PeripheralsFile),
  },
  { additionalProperties: false },
);
export type DeviceSettings = Type.Static<typeof DeviceSettings>;

/**
 * What a kiosk receives on its feed (entity `settings`, one entry per device). The settings are
 * DeviceSettings as the server checked them; the kiosk checks each one again on its own, so a
 * value it cannot use, or a setting newer than it, is dropped alone rather than the whole page.
 */
export const DeviceSettingsPayload = Type.Object({
  settings: Type.Record(Type.String(), Type.Unknown(), { description: 'DeviceSettings' }),
  updatedAt: Type.String(),
});
export type DeviceSettingsPayload = Type.Static<typeof DeviceSettingsPayload>;

/** Later layers win, key by key. */
export function mergeSettings(layers: DeviceSettings[]): DeviceSettings {
  return Object.assign({}, ...layers) as DeviceSettings;
}

export const SettingsScopeParams = Type.Object({
  scope: Type.Enum(['device', 'group'] as const),
  id: Type.String({ minLength: 1, maxLength: 64 }),
});
export type SettingsScopeParams = Type.Static<typeof SettingsScopeParams>;

export const SettingsView = Type.Object({
  settings: DeviceSettings,
  /** For a device: what it runs with after its groups' settings are applied. */
  effective: Type.Optional(DeviceSettings),
  updatedBy: Type.Union([Type.String(), Type.Null()]),
  updatedAt: Type.Union([Type.String(), Type.Null()]),
});
export type SettingsView = Type.Static<typeof SettingsView>;

// ---- remote commands --------------------------------------------------------------------------

export const COMMAND_KINDS = ['reload', 'restart', 'clear-cache', 're-sync', 'screenshot'] as const;
export const CommandKind = Type.Enum(COMMAND_KINDS);
export type CommandKind = (typeof COMMAND_KINDS)[number];

/** A command not answered within this time is shown as expired (the kiosk is likely off). */
export const COMMAND_EXPIRY_SEC = 600;

export const CommandRequest = Type.Object({ kind: CommandKind }, { additionalProperties: false });
export type CommandRequest = Type.Static<typeof CommandRequest>;

/** Sent to the device on its push channel as `event: command`. */
export const PUSH_EVENT_COMMAND = 'command';
export const DeviceCommand = Type.Object({ id: Type.String(), kind: CommandKind, issuedAt: Type.String() });
export type DeviceCommand = Type.Static<typeof DeviceCommand>;

export const CommandResult = Type.Object(
  {
    ok: Type.Boolean(),
    detail: Type.Optional(Type.String({ maxLength: 500 })),
    screenshotPng: Type.Optional(Type.String({ maxLength: 8_000_000, description: 'Base64 PNG, for screenshot' })),
  },
  { additionalProperties: false },
);
export type CommandResult = Type.Static<typeof CommandResult>;

export const COMMAND_STATES = ['pending', 'done', 'failed', 'expired'] as const;
export const CommandView = Type.Object({
  id: Type.String(),
  deviceId: Type.String(),
  kind: CommandKind,
  state: Type.Enum(COMMAND_STATES),
  issuedBy: Type.String(),
  issuedAt: Type.String(),
  finishedAt: Type.Union([Type.String(), Type.Null()]),
  detail: Type.Union([Type.String(), Type.Null()]),
  hasScreenshot: Type.Boolean(),
});
export type CommandView = Type.Static<typeof CommandView>;
export const CommandList = Type.Object({ commands: Type.Array(CommandView) });
export type CommandList = Type.Static<typeof CommandList>;
