/**
 * Electron-shell settings from the environment, validated at start-up (the host reads its own in
 * kiosk-app/host/config.ts). Bad values stop the app with CONFIG_INVALID naming the variable.
 */
import Type from 'typebox';
import { LinliError, readEnvironment } from '@linli/protocol';
import { parseKioskSchedule, type KioskScheduleConfig } from './kiosk-schedule';

/**
 * Permissions a feature may be granted, for the app's own page only. `media` is for the document
 * camera (高拍仪): it grants camera and microphone at any time; nothing is granted unless
 * configured. The case form's photo needs no entry here: the camera alone is granted to its photo
 * step only, as the host says (session-guard.ts).
 */
const GRANTABLE_PERMISSIONS = ['media'] as const;
export type GrantablePermission = (typeof GRANTABLE_PERMISSIONS)[number];

/**
 * How the shell restarts itself (daily restart, crash loop): `relaunch` starts a new instance
 * through Electron; `exit` leaves it to a supervisor. Under cage use `exit`: cage ends with its
 * client, so a relaunched instance would have no display (systemd restarts the whole session).
 */
export type RestartMode = 'relaunch' | 'exit';

const Env = Type.Object({
  LINLI_ALLOWED_ORIGINS: Type.String({ default: '' }),
  LINLI_GRANTED_PERMISSIONS: Type.String({ default: '' }),
  LINLI_DAILY_RESTART: Type.Optional(Type.String()),
  LINLI_SCREEN_OFF: Type.Optional(Type.String()),
  LINLI_RESTART_MODE: Type.Union([Type.Literal('relaunch'), Type.Literal('exit')], { default: 'relaunch' }),
});

export interface ShellConfig {
  /** https origins the kiosk window may navigate to besides app://kiosk (none by default). */
  allowedOrigins: ReadonlySet<string>;
  grantedPermissions: ReadonlySet<GrantablePermission>;
  schedule: KioskScheduleConfig;
  restartMode: RestartMode;
}

function invalid(variable: string, message: string): LinliError {
  return new LinliError('CONFIG_INVALID', `Bad environment: ${variable} ${message}`, [
    { path: `/${variable}`, message },
  ]);
}

function listOf(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** An entry must be exactly an https origin: no path, query, credentials or other scheme. */
export function parseOrigin(text: string): string {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || url.protocol !== 'https:' || url.origin !== text.replace(/\/$/, '')) {
    throw invalid('LINLI_ALLOWED_ORIGINS', `must list https origins like https://zwfw.example.gov.cn, got '${text}'`);
  }
  return url.origin;
}

function parsePermission(text: string): GrantablePermission {
  const known = GRANTABLE_PERMISSIONS.find((permission) => permission === text);
  if (!known)
    throw invalid('LINLI_GRANTED_PERMISSIONS', `may list only ${GRANTABLE_PERMISSIONS.join(', ')}, got '${text}'`);
  return known;
}

export function loadShellConfig(env: NodeJS.ProcessEnv): ShellConfig {
  const value = readEnvironment(Env, env);
  const schedule = { dailyRestart: value.LINLI_DAILY_RESTART, screenOff: value.LINLI_SCREEN_OFF };
  parseKioskSchedule(schedule);
  return {
    allowedOrigins: new Set(listOf(value.LINLI_ALLOWED_ORIGINS).map(parseOrigin)),
    grantedPermissions: new Set(listOf(value.LINLI_GRANTED_PERMISSIONS).map(parsePermission)),
    schedule,
    restartMode: value.LINLI_RESTART_MODE,
  };
}
