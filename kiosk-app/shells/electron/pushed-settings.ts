/**
 * The Electron shell's allow-list and timetable at run time: its own configuration (shell-config.ts)
 * overlaid by what the admin server pushed, followed whenever the host announces new settings. A
 * pushed value the shell cannot use is logged, and its own configuration stays in force for it.
 */
import type { BridgeEvent } from '@linli/protocol';
import type { KioskHost } from '../../host/kiosk-host';
import type { PushedShellSettings } from '../../host/settings/kiosk-settings';
import {
  parseKioskSchedule,
  startKioskSchedule,
  type KioskScheduleActions,
  type KioskScheduleConfig,
} from './kiosk-schedule';
import { parseOrigin, type ShellConfig } from './shell-config';

export interface ShellSettings {
  allowedOrigins: ReadonlySet<string>;
  schedule: KioskScheduleConfig;
}

type Log = (message: string) => void;

function usable<T, R>(name: string, pushed: T | undefined, parse: (value: T) => R, log: Log): R | undefined {
  if (pushed === undefined) return undefined;
  try {
    return parse(pushed);
  } catch (error) {
    log(`pushed ${name} not used: ${(error as Error).message}`);
    return undefined;
  }
}

/** Pure apart from logging what it cannot use. */
export function shellSettingsOf(config: ShellConfig, pushed: PushedShellSettings, log: Log): ShellSettings {
  // The timetable's own check also refuses what the feed's pattern lets through (22:00-22:00).
  const timetable = (key: keyof KioskScheduleConfig) =>
    usable(
      key,
      pushed[key],
      (value) => {
        parseKioskSchedule({ [key]: value });
        return value;
      },
      log,
    ) ?? config.schedule[key];
  return {
    allowedOrigins:
      usable('allowedOrigins', pushed.allowedOrigins, (origins) => new Set(origins.map(parseOrigin)), log) ??
      config.allowedOrigins,
    schedule: { dailyRestart: timetable('dailyRestart'), screenOff: timetable('screenOff') },
  };
}

export interface PushedSettingsFollower {
  /** The allow-list in force now, for the navigation guard. */
  allowedOrigins(): ReadonlySet<string>;
  stop(): void;
}

/** Runs the timetable and starts it again whenever a push changes it. */
export function followPushedSettings(
  host: Pick<KioskHost, 'settings' | 'onEvent'>,
  config: ShellConfig,
  deps: { schedule: KioskScheduleActions; log: Log },
): PushedSettingsFollower {
  const resolve = () => shellSettingsOf(config, host.settings().shell, deps.log);
  let current = resolve();
  let stopSchedule = startKioskSchedule(current.schedule, deps.schedule);
  const unsubscribe = host.onEvent((event: BridgeEvent) => {
    if (event !== 'settings-changed') return;
    const next = resolve();
    if (JSON.stringify(next.schedule) !== JSON.stringify(current.schedule)) {
      deps.log('timetable changed by the admin server');
      stopSchedule();
      stopSchedule = startKioskSchedule(next.schedule, deps.schedule);
    }
    current = next;
  });
  return {
    allowedOrigins: () => current.allowedOrigins,
    stop() {
      unsubscribe();
      stopSchedule();
    },
  };
}
