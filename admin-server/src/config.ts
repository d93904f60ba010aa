/** Admin server configuration, read once from the environment and validated at start-up. */
import Type from 'typebox';
import path from 'node:path';
import { LinliError, readEnvironment } from '@linli/protocol';
import type { DatabaseTarget } from './db/open';
import type { MediaStoreChoice } from './media/media-store';

const Env = Type.Object({
  LINLI_ADMIN_PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 7300 }),
  LINLI_HOST: Type.String({ minLength: 1, default: '127.0.0.1' }),
  LINLI_DATA_DIR: Type.String({ minLength: 1, default: './data' }),
  LINLI_DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  LINLI_MEDIA_STORE: Type.Enum(['folder', 'database'], {
    default: 'folder',
    description:
      'Where uploaded media are kept: the media folder under LINLI_DATA_DIR (shared by instances over NFS or the like), or the database itself (several instances on one PostgreSQL, nothing shared to mount)',
  }),
  LINLI_ADMIN_PASSWORD: Type.Optional(Type.String({ minLength: 8 })),
  LINLI_ENROLLMENT_CODE: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9]{8,64}$' })),
  LINLI_ROOT_ORG_NAME: Type.String({ minLength: 1, maxLength: 60, default: '临江市安和区' }),
  LINLI_ROOT_ORG_LEVEL: Type.Enum(['city', 'district'], { default: 'district' }),
  LINLI_ROOT_ORG_CODE: Type.String({ pattern: '^\\d{6}$', default: '330188' }),
  LINLI_DEMO_CONTENT: Type.Enum(['on', 'off'], { default: 'on' }),
  LINLI_LOG_LEVEL: Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent'], { default: 'info' }),
  LINLI_ADMIN_UI_DIR: Type.Optional(Type.String({ minLength: 1 })),
  LINLI_TRUST_PROXY: Type.Optional(
    Type.String({
      pattern: '^[0-9A-Fa-f.:/]+(,[0-9A-Fa-f.:/]+)*$',
      description: 'Addresses (or ranges) of the reverse proxies in front of the server, comma-separated',
    }),
  ),
  LINLI_API_DOCS: Type.Enum(['on', 'off'], { default: 'off' }),
  LINLI_METRICS_TOKEN: Type.Optional(
    Type.String({
      pattern: '^[A-Za-z0-9._~+/=-]{16,200}$',
      description:
        'The token a Prometheus scraper shows (Authorization: Bearer) for /metrics; /metrics is off without one',
    }),
  ),
  LINLI_TV_STREAMS: Type.Enum(['on', 'off'], {
    default: 'on',
    description: 'Produce each live TV channel as an HLS stream here (ffmpeg); off on all but one of several instances',
  }),
  LINLI_TV_STREAM_SIZE: Type.String({
    pattern: '^[1-9][0-9]{2,3}x[1-9][0-9]{2,3}$',
    default: '1280x720',
    description: "The streams' picture, WIDTHxHEIGHT",
  }),
  LINLI_BILL_SIMULATOR: Type.Optional(
    Type.Enum(['on', 'off'], {
      description: 'The simulated water, power and gas utilities (default: as demo content)',
    }),
  ),
  LINLI_BILL_CACHE_SEC: Type.Integer({
    minimum: 0,
    maximum: 600,
    default: 60,
    description: 'How long a looked-up account is answered from memory (always with the time the utility answered)',
  }),
  LINLI_BILL_TIMEOUT_MS: Type.Integer({
    minimum: 1000,
    maximum: 60_000,
    default: 8000,
    description: 'How long one call to a utility may take',
  }),
  LINLI_CITY_PLATFORM_URL: Type.Optional(
    Type.String({
      pattern: '^https?://',
      description: 'Where cases forwarded to the city platform (市民心声/12345) are POSTed (its webhook)',
    }),
  ),
  LINLI_CITY_PLATFORM_SECRET: Type.Optional(
    Type.String({ minLength: 16, description: 'The secret that signs forwarded cases and the platform updates' }),
  ),
  LINLI_CITY_PLATFORM_API_KEY: Type.Optional(
    Type.String({
      minLength: 8,
      description:
        'With LINLI_CITY_PLATFORM_URL: the platform speaks Open311 GeoReport v2 (the URL is its …/open311/v2) and this is its api_key',
    }),
  ),
  LINLI_CITY_PLATFORM_NAME: Type.String({ minLength: 1, maxLength: 30, default: '市民心声' }),
  LINLI_CITY_SIMULATOR: Type.Optional(
    Type.Enum(['on', 'off'], { description: 'The simulated city platform at /city-sim/ (default: as demo content)' }),
  ),
  LINLI_CASE_CONTACT_DAYS: Type.Integer({
    minimum: 1,
    maximum: 3650,
    default: 180,
    description: "Days after a resident's case ends (办结 or 不予受理) that their name and phone are kept",
  }),
  LINLI_BACKUP_DIR: Type.Optional(
    Type.String({ minLength: 1, description: 'Where the daily backups are written; none are made without it' }),
  ),
  LINLI_BACKUP_AT: Type.String({
    pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$',
    default: '03:30',
    description: 'The Beijing time of day from which the daily backup is made',
  }),
  LINLI_BACKUP_KEEP: Type.Integer({
    minimum: 1,
    maximum: 3650,
    default: 7,
    description: 'How many daily backups are kept',
  }),
  LINLI_USAGE_RAW_DAYS: Type.Integer({
    minimum: 1,
    maximum: 3650,
    default: 90,
    description: 'Days the usage events devices send are kept as they came (their daily facts are kept)',
  }),
});

export interface AdminConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** Where media are kept; the folder is `<data>/media` (for the database store, this instance's copies). */
  media: MediaStoreChoice;
  adminPassword: string | undefined;
  enrollmentCode: string | undefined;
  /** The top of the organisation tree, created on first start (later starts keep what is stored). */
  rootOrg: { level: 'city' | 'district'; name: string; code: string };
  demoContent: boolean;
  logLevel: string;
  /** A folder the admin UI was built into; bundled at start when unset. */
  adminUiDir: string | undefined;
  /**
   * The reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed: then the
   * client's address (limits, audit) and https (Secure cookies) come from them. None by default.
   */
  trustProxy: string[];
  /** Serve the API description and its browser at /docs. */
  apiDocs: boolean;
  /** The token /metrics asks of a scraper; /metrics is not served without one. */
  metricsToken: string | undefined;
  /** The live TV channels' HLS streams, made here (none: another instance makes them). */
  tvStreams: { width: number; height: number } | undefined;
  /** Connect the simulated utilities for 水/电/气 everywhere (demos, training, tests). */
  billSimulator: boolean;
  /** The bill gateway's cache and per-call timeout. */
  bills: { cacheSec: number; timeoutMs: number };
  /** Residents' cases: how long contact data outlives a case. */
  cases: { contactRetentionDays: number };
  /** Service usage: how long raw events are kept. */
  usage: { rawDays: number };
  /** Daily backups: the folder, the Beijing time from which, how many kept (none without a folder). */
  backups: { dir: string; at: string; keep: number } | undefined;
  /**
   * The city platform cases are forwarded to: a webhook with its secret, the simulated one, or
   * none (no forwarding offered).
   */
  cityPlatform: { name: string } & (
    | { kind: 'webhook'; url: string; secret: string }
    | { kind: 'open311'; url: string; apiKey: string }
    | { kind: 'simulator' }
    | { kind: 'none' }
  );
}

function streamSize(size: string): { width: number; height: number } {
  const [width, height] = size.split('x').map(Number) as [number, number];
  // H.264 in 4:2:0 wants even sides.
  if (width % 2 || height % 2)
    throw new LinliError('CONFIG_INVALID', `LINLI_TV_STREAM_SIZE: ${size} must have even width and height`);
  return { width, height };
}

/** The media library's folder under the data folder. */
export const MEDIA_FOLDER = 'media';

/** The database a configuration names: PostgreSQL at its URL, else SQLite in the data folder. */
export function databaseTargetOf(config: Pick<AdminConfig, 'databaseUrl' | 'dataDir'>): DatabaseTarget {
  return config.databaseUrl
    ? { kind: 'postgres', url: config.databaseUrl }
    : { kind: 'sqlite', file: path.join(config.dataDir, 'admin.sqlite') };
}

export function loadConfig(env: NodeJS.ProcessEnv): AdminConfig {
  const value = readEnvironment(Env, env);
  return {
    port: value.LINLI_ADMIN_PORT,
    host: value.LINLI_HOST,
    dataDir: path.resolve(value.LINLI_DATA_DIR),
    databaseUrl: value.LINLI_DATABASE_URL,
    media: { kind: value.LINLI_MEDIA_STORE, dir: path.join(path.resolve(value.LINLI_DATA_DIR), MEDIA_FOLDER) },
    adminPassword: value.LINLI_ADMIN_PASSWORD,
    enrollmentCode: value.LINLI_ENROLLMENT_CODE,
    rootOrg: { level: value.LINLI_ROOT_ORG_LEVEL, name: value.LINLI_ROOT_ORG_NAME, code: value.LINLI_ROOT_ORG_CODE },
    demoContent: value.LINLI_DEMO_CONTENT === 'on',
    logLevel: value.LINLI_LOG_LEVEL,
    adminUiDir: value.LINLI_ADMIN_UI_DIR === undefined ? undefined : path.resolve(value.LINLI_ADMIN_UI_DIR),
    trustProxy: value.LINLI_TRUST_PROXY?.split(',') ?? [],
    apiDocs: value.LINLI_API_DOCS === 'on',
    metricsToken: value.LINLI_METRICS_TOKEN,
    tvStreams: value.LINLI_TV_STREAMS === 'on' ? streamSize(value.LINLI_TV_STREAM_SIZE) : undefined,
    billSimulator: (value.LINLI_BILL_SIMULATOR ?? value.LINLI_DEMO_CONTENT) === 'on',
    bills: { cacheSec: value.LINLI_BILL_CACHE_SEC, timeoutMs: value.LINLI_BILL_TIMEOUT_MS },
    cases: { contactRetentionDays: value.LINLI_CASE_CONTACT_DAYS },
    usage: { rawDays: value.LINLI_USAGE_RAW_DAYS },
    backups: value.LINLI_BACKUP_DIR
      ? { dir: path.resolve(value.LINLI_BACKUP_DIR), at: value.LINLI_BACKUP_AT, keep: value.LINLI_BACKUP_KEEP }
      : undefined,
    cityPlatform: cityPlatformOf(value),
  };
}

function cityPlatformOf(value: Type.Static<typeof Env>): AdminConfig['cityPlatform'] {
  const name = value.LINLI_CITY_PLATFORM_NAME;
  if (value.LINLI_CITY_PLATFORM_URL && value.LINLI_CITY_PLATFORM_API_KEY)
    return {
      name,
      kind: 'open311',
      url: value.LINLI_CITY_PLATFORM_URL.replace(/\/+$/, ''),
      apiKey: value.LINLI_CITY_PLATFORM_API_KEY,
    };
  if (value.LINLI_CITY_PLATFORM_URL) {
    if (!value.LINLI_CITY_PLATFORM_SECRET)
      throw new LinliError(
        'CONFIG_INVALID',
        'LINLI_CITY_PLATFORM_SECRET (a webhook) or LINLI_CITY_PLATFORM_API_KEY (Open311) must be set with LINLI_CITY_PLATFORM_URL',
      );
    return { name, kind: 'webhook', url: value.LINLI_CITY_PLATFORM_URL, secret: value.LINLI_CITY_PLATFORM_SECRET };
  }
  return (value.LINLI_CITY_SIMULATOR ?? value.LINLI_DEMO_CONTENT) === 'on'
    ? { name, kind: 'simulator' }
    : { name, kind: 'none' };
}
