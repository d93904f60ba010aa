/** Player host configuration from the environment, validated at start-up. */
import path from 'node:path';
import Type from 'typebox';
import { PLAYER_PROFILES, VERSION_PATTERN, readEnvironment, type PlayerProfile } from '@linli/protocol';
import { checkServerUrl } from '../../kiosk-app/host/config';

const ORIGIN_LIST = '^(https?://[^/\\s,]+)?(,https?://[^/\\s,]+)*$';

const Env = Type.Object({
  LINLI_PLAYER_PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 7320 }),
  LINLI_SERVER_URL: Type.String({ pattern: '^https?://', default: 'http://127.0.0.1:7300' }),
  LINLI_ALLOW_HTTP_SERVER: Type.Boolean({
    default: false,
    description: 'Allow a plain-http admin server on another machine (for a closed network only)',
  }),
  LINLI_DATA_DIR: Type.String({ minLength: 1, default: './data' }),
  LINLI_ENROLLMENT_CODE: Type.Optional(Type.String({ minLength: 4, maxLength: 64 })),
  LINLI_DEVICE_NAME: Type.String({ minLength: 1, maxLength: 100, default: '便民服务中心大厅信息屏' }),
  LINLI_PLAYER_PROFILE: Type.Enum(PLAYER_PROFILES, {
    default: 'signage',
    description: 'signage: a notice screen playing its publications; tv: a set-top box showing TV channels',
  }),
  LINLI_PULL_INTERVAL_SEC: Type.Integer({ minimum: 1, maximum: 3600, default: 60 }),
  LINLI_HEARTBEAT_SEC: Type.Integer({ minimum: 5, maximum: 3600, default: 60 }),
  LINLI_UPDATE_CHECK_SEC: Type.Integer({ minimum: 10, maximum: 86_400, default: 900 }),
  LINLI_UPDATE_DIR: Type.Optional(
    Type.String({ minLength: 1, description: "The browser shell's update folder (the launcher sets it)" }),
  ),
  LINLI_UPDATE_KEYS: Type.Optional(
    Type.String({ minLength: 1, description: 'A file of the release keys (Ed25519, PEM) updates must be signed with' }),
  ),
  LINLI_APP_VERSION: Type.Optional(
    Type.String({ pattern: VERSION_PATTERN, description: 'The version this player runs (the Electron shell sets it)' }),
  ),
  LINLI_PLAYER_WEB_ORIGINS: Type.String({
    pattern: ORIGIN_LIST,
    default: '',
    description: 'Origins web items may show (comma-separated, e.g. https://www.gov.cn); none when empty',
  }),
  LINLI_PLAYER_BROWSER: Type.Optional(
    Type.String({
      pattern: '^/',
      description: 'Absolute path of a Chromium the browser shell starts on the screen and owns; none when unset',
    }),
  ),
  LINLI_PLAYER_PAGE_DIR: Type.Optional(Type.String({ minLength: 1 })),
  LINLI_PLAYER_WINDOW: Type.Optional(
    Type.String({
      pattern: '^[1-9][0-9]{2,4}x[1-9][0-9]{2,4}$',
      description: "The screen browser's window, WIDTHxHEIGHT (e.g. 1920x1080); the whole display when unset",
    }),
  ),
  LINLI_PLAYER_WATCHDOG_SEC: Type.Integer({
    minimum: 5,
    maximum: 3600,
    default: 30,
    description: 'How often the frozen-screen watchdog looks at the screen',
  }),
});

export interface PlayerConfig {
  port: number;
  serverUrl: string;
  /** `<LINLI_DATA_DIR>/player`: credentials, cache, media, proof of play. */
  dataDir: string;
  enrollmentCode: string | undefined;
  deviceName: string;
  profile: PlayerProfile;
  pullIntervalMs: number;
  heartbeatMs: number;
  /** How often the update feed is asked for a new version (either shell). */
  updateCheckMs: number;
  /** The browser shell's updates: where they are kept and the keys they must be signed with; none when unset. */
  updates: { dir: string; keysFile: string } | undefined;
  /** The version running: the packaged app's, or the update the launcher started; the source's own when unset. */
  appVersion: string | undefined;
  webOrigins: string[];
  /** The screen's Chromium the browser shell starts and owns (LINLI_PLAYER_BROWSER); none when unset. */
  /** A folder the web player was built into (packaged players, test runs); bundled at start when unset. */
  pageDir: string | undefined;
  screenBrowser: { binary: string; window: { width: number; height: number } | undefined } | undefined;
  watchdogCheckMs: number;
}

function windowSize(value: string | undefined): { width: number; height: number } | undefined {
  if (value === undefined) return undefined;
  const [width, height] = value.split('x').map(Number) as [number, number];
  return { width, height };
}

export function loadPlayerConfig(env: NodeJS.ProcessEnv): PlayerConfig {
  const value = readEnvironment(Env, env);
  checkServerUrl(value.LINLI_SERVER_URL, value.LINLI_ALLOW_HTTP_SERVER);
  return {
    port: value.LINLI_PLAYER_PORT,
    serverUrl: value.LINLI_SERVER_URL.replace(/\/+$/, ''),
    dataDir: path.resolve(value.LINLI_DATA_DIR, 'player'),
    enrollmentCode: value.LINLI_ENROLLMENT_CODE,
    deviceName: value.LINLI_DEVICE_NAME,
    profile: value.LINLI_PLAYER_PROFILE,
    pullIntervalMs: value.LINLI_PULL_INTERVAL_SEC * 1000,
    heartbeatMs: value.LINLI_HEARTBEAT_SEC * 1000,
    updateCheckMs: value.LINLI_UPDATE_CHECK_SEC * 1000,
    updates:
      value.LINLI_UPDATE_DIR === undefined || value.LINLI_UPDATE_KEYS === undefined
        ? undefined
        : { dir: path.resolve(value.LINLI_UPDATE_DIR), keysFile: path.resolve(value.LINLI_UPDATE_KEYS) },
    appVersion: value.LINLI_APP_VERSION,
    webOrigins: value.LINLI_PLAYER_WEB_ORIGINS.split(',').filter(Boolean),
    pageDir: value.LINLI_PLAYER_PAGE_DIR === undefined ? undefined : path.resolve(value.LINLI_PLAYER_PAGE_DIR),
    screenBrowser: value.LINLI_PLAYER_BROWSER
      ? { binary: value.LINLI_PLAYER_BROWSER, window: windowSize(value.LINLI_PLAYER_WINDOW) }
      : undefined,
    watchdogCheckMs: value.LINLI_PLAYER_WATCHDOG_SEC * 1000,
  };
}
