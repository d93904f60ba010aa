/** Kiosk host configuration from the environment, validated at start-up. */
import Type from 'typebox';
import path from 'node:path';
import {
  APP_PROFILES,
  CIDR_LIST_PATTERN,
  LinliError,
  PRIVATE_NETWORKS,
  readEnvironment,
  type AppProfile,
  VERSION_PATTERN,
} from '@linli/protocol';
import { espeakEngine, type SpeechEngine } from './speech/speaker';

const Env = Type.Object({
  LINLI_KIOSK_PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 7310 }),
  LINLI_SERVER_URL: Type.String({ pattern: '^https?://', default: 'http://127.0.0.1:7300' }),
  LINLI_ALLOW_HTTP_SERVER: Type.Boolean({
    default: false,
    description: 'Allow a plain-http admin server on another machine (for a closed network only)',
  }),
  LINLI_DATA_DIR: Type.String({ minLength: 1, default: './data' }),
  LINLI_ENROLLMENT_CODE: Type.Optional(Type.String({ minLength: 4, maxLength: 64 })),
  LINLI_DEVICE_NAME: Type.String({ minLength: 1, maxLength: 100, default: '便民服务中心大厅查询机' }),
  LINLI_PULL_INTERVAL_SEC: Type.Integer({ minimum: 1, maximum: 3600, default: 60 }),
  LINLI_HEARTBEAT_SEC: Type.Integer({ minimum: 5, maximum: 3600, default: 60 }),
  LINLI_IDLE_SEC: Type.Integer({ minimum: 10, maximum: 3600, default: 90 }),
  LINLI_IDLE_WARNING_SEC: Type.Integer({ minimum: 5, maximum: 120, default: 15 }),
  LINLI_DEVICES_FILE: Type.Optional(Type.String({ minLength: 1 })),
  LINLI_DEVICE_CHECK_SEC: Type.Integer({ minimum: 1, maximum: 600, default: 20 }),
  LINLI_FORMS_DIR: Type.Optional(Type.String({ minLength: 1 })),
  LINLI_RENDERER_DIR: Type.Optional(Type.String({ minLength: 1 })),
  LINLI_SPEECH_COMMAND: Type.Optional(Type.String({ minLength: 1 })),
  /** desk: a clerk's community PC (sign-in first, no attract screen); kiosk: a public touchscreen. */
  LINLI_APP_PROFILE: Type.Enum(APP_PROFILES, { default: 'kiosk' }),
  LINLI_PUBLIC_URL: Type.Optional(Type.String({ pattern: '^https?://[^\\s?#]+$' })),
  LINLI_SPEECH_INPUT: Type.Union([Type.Literal('text'), Type.Literal('pinyin')], { default: 'text' }),
  LINLI_UPDATE_DIR: Type.Optional(
    Type.String({ minLength: 1, description: "The browser shell's update folder (the launcher sets it)" }),
  ),
  LINLI_UPDATE_KEYS: Type.Optional(
    Type.String({ minLength: 1, description: 'A file of the release keys (Ed25519, PEM) updates must be signed with' }),
  ),
  LINLI_UPDATE_CHECK_SEC: Type.Integer({ minimum: 10, maximum: 86_400, default: 900 }),
  LINLI_APP_VERSION: Type.Optional(
    Type.String({ pattern: VERSION_PATTERN, description: 'The version the launcher started (its update folder)' }),
  ),
  LINLI_PRINTER_NETWORKS: Type.String({
    pattern: CIDR_LIST_PATTERN,
    default: PRIVATE_NETWORKS.join(','),
    description:
      'Where a pushed devices file may place network printers (IPv4 ranges, comma-separated; empty: nowhere)',
  }),
});

/** The version of this source; a release build's launcher names its own (LINLI_APP_VERSION). */
export const KIOSK_APP_VERSION = '0.1.0';

export interface KioskConfig {
  port: number;
  serverUrl: string;
  dataDir: string;
  enrollmentCode: string | undefined;
  deviceName: string;
  pullIntervalMs: number;
  heartbeatMs: number;
  /** A visit ends after this long without a touch, following a visible countdown. */
  idleSec: number;
  warningSec: number;
  /** JSON file declaring the attached devices (ID card reader, printers, scanners); none when unset. */
  devicesFile: string | undefined;
  /** How often idle devices are asked how they are (a silent unplug is noticed within this). */
  deviceCheckMs: number;
  /** Printable forms (`<id>.form.json` + PDF template); the demo forms when unset. */
  formsDir: string;
  /** A folder the renderer was built into (browser shell); bundled at start when unset. */
  rendererDir: string | undefined;
  /** The version this process runs, as the heartbeat reports it. */
  appVersion: string;
  /** Where the browser shell installs updates and the keys they are signed with; no updates when unset. */
  updates: { dir: string; keysFile: string } | undefined;
  /** How often the feed is asked for a new version (either shell). */
  updateCheckMs: number;
  /** Where a devices file pushed by the admin server may place network printers. */
  printerNetworks: string[];
  /** The read-aloud engine: LINLI_SPEECH_COMMAND, else espeak-ng. */
  speechEngine: SpeechEngine;
  /**
   * Where residents' phones reach the admin server's public pages (the QR codes on a printed
   * materials list and on a bill receipt): the server URL unless it is reached another way from outside.
   */
  publicLinkBase: string;
  profile: AppProfile;
}

const DEMO_FORMS_DIR = path.resolve(import.meta.dirname, '../../device-drivers/forms');

/** Plain http only on this machine: elsewhere it would carry the device secret and the feed in the clear. */
export function checkServerUrl(url: string, allowHttp: boolean): void {
  const { protocol, hostname } = new URL(url);
  const loopback = hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
  if (protocol === 'http:' && !loopback && !allowHttp)
    throw new LinliError(
      'CONFIG_INVALID',
      `Bad environment: LINLI_SERVER_URL ${url} is plain http on another machine; use https, or set LINLI_ALLOW_HTTP_SERVER=1 on a closed network`,
      [{ path: '/LINLI_SERVER_URL', message: 'must be https unless the server is on this machine' }],
    );
}

/** LINLI_SPEECH_COMMAND: the program and its arguments as a JSON array (no shell is involved); espeak-ng when unset. */
function speechEngineOf(command: string | undefined, input: SpeechEngine['input']): SpeechEngine {
  if (command === undefined) return espeakEngine();
  let argv: unknown;
  try {
    argv = JSON.parse(command);
  } catch {
    argv = undefined;
  }
  if (!Array.isArray(argv) || argv.length === 0 || !argv.every((arg) => typeof arg === 'string' && arg.length > 0))
    throw new LinliError(
      'CONFIG_INVALID',
      `Bad environment: LINLI_SPEECH_COMMAND must be a JSON array of the program and its arguments, e.g. ["piper-say", "--voice", "zh_CN"]`,
      [{ path: '/LINLI_SPEECH_COMMAND', message: 'must be a JSON array of non-empty strings' }],
    );
  const [program, ...args] = argv as string[];
  return { command: program!, args, input };
}

export function loadKioskConfig(env: NodeJS.ProcessEnv): KioskConfig {
  const value = readEnvironment(Env, env);
  checkServerUrl(value.LINLI_SERVER_URL, value.LINLI_ALLOW_HTTP_SERVER);
  return {
    port: value.LINLI_KIOSK_PORT,
    serverUrl: value.LINLI_SERVER_URL.replace(/\/+$/, ''),
    dataDir: path.resolve(value.LINLI_DATA_DIR, 'kiosk'),
    enrollmentCode: value.LINLI_ENROLLMENT_CODE,
    deviceName: value.LINLI_DEVICE_NAME,
    pullIntervalMs: value.LINLI_PULL_INTERVAL_SEC * 1000,
    heartbeatMs: value.LINLI_HEARTBEAT_SEC * 1000,
    idleSec: value.LINLI_IDLE_SEC,
    warningSec: value.LINLI_IDLE_WARNING_SEC,
    devicesFile: value.LINLI_DEVICES_FILE === undefined ? undefined : path.resolve(value.LINLI_DEVICES_FILE),
    deviceCheckMs: value.LINLI_DEVICE_CHECK_SEC * 1000,
    formsDir: path.resolve(value.LINLI_FORMS_DIR ?? DEMO_FORMS_DIR),
    rendererDir: value.LINLI_RENDERER_DIR === undefined ? undefined : path.resolve(value.LINLI_RENDERER_DIR),
    appVersion: value.LINLI_APP_VERSION ?? KIOSK_APP_VERSION,
    updates:
      value.LINLI_UPDATE_DIR === undefined || value.LINLI_UPDATE_KEYS === undefined
        ? undefined
        : {
            dir: path.resolve(value.LINLI_UPDATE_DIR),
            keysFile: path.resolve(value.LINLI_UPDATE_KEYS),
          },
    updateCheckMs: value.LINLI_UPDATE_CHECK_SEC * 1000,
    printerNetworks: value.LINLI_PRINTER_NETWORKS.split(',').filter(Boolean),
    speechEngine: speechEngineOf(value.LINLI_SPEECH_COMMAND, value.LINLI_SPEECH_INPUT),
    profile: value.LINLI_APP_PROFILE,
    publicLinkBase: (value.LINLI_PUBLIC_URL ?? value.LINLI_SERVER_URL).replace(/\/+$/, ''),
  };
}
