/** What the kiosk runs with: its own configuration overlaid, key by key, by the settings the admin server pushed. Pure. */
import {
  DeviceSettings,
  pushedPeripheralProblems,
  validationErrors,
  type KioskSettings,
  type PeripheralsFile,
} from '@linli/protocol';
import { checkPeripheralsFile } from '../peripherals/peripherals-file';

/** The kiosk's own defaults: its environment (config.ts) and its devices file. */
export interface LocalSettings {
  idleSec: number;
  warningSec: number;
  peripherals: PeripheralsFile;
  /** Where a pushed devices file may place network printers (IPv4 ranges). */
  printerNetworks: readonly string[];
}

/** Settings only the Electron shell applies, as pushed: each one absent keeps the shell's own configuration. */
export type PushedShellSettings = Pick<DeviceSettings, 'allowedOrigins' | 'screenOff' | 'dailyRestart'>;

export interface EffectiveSettings {
  idleSec: number;
  warningSec: number;
  attractNotices: boolean;
  attractMessage: string | undefined;
  openingHours: string | undefined;
  peripherals: PeripheralsFile;
  shell: PushedShellSettings;
}

const KNOWN = DeviceSettings.properties;
type SettingName = keyof typeof KNOWN;

function problemOf(name: SettingName, value: unknown, printerNetworks: readonly string[]): string | undefined {
  if (name === 'peripherals') {
    // The devices file's own check also refuses an id used twice, which no schema can.
    try {
      const problems = pushedPeripheralProblems(
        checkPeripheralsFile(value, 'pushed with the settings'),
        printerNetworks,
      );
      return problems.length > 0
        ? problems.map((problem) => `/peripherals${problem.path} ${problem.message}`).join('; ')
        : undefined;
    } catch (error) {
      return (error as Error).message;
    }
  }
  const details = validationErrors(KNOWN[name], value, `/${name}`);
  return details.length > 0 ? details.map((detail) => `${detail.path} ${detail.message}`).join('; ') : undefined;
}

/**
 * Keeps the pushed settings this kiosk can use. A bad value is dropped alone (that setting keeps
 * its local default) rather than the whole push; a setting newer than this app is ignored.
 */
export function checkPushedSettings(
  pushed: object,
  printerNetworks: readonly string[],
): { settings: DeviceSettings; problems: string[] } {
  const settings: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, value] of Object.entries(pushed)) {
    if (!Object.hasOwn(KNOWN, name)) continue;
    const problem = problemOf(name as SettingName, value, printerNetworks);
    if (problem === undefined) settings[name] = value;
    else problems.push(problem);
  }
  return { settings: settings as DeviceSettings, problems };
}

export function resolveSettings(local: LocalSettings, pushed: DeviceSettings): EffectiveSettings {
  return {
    idleSec: pushed.idleSec ?? local.idleSec,
    warningSec: pushed.idleWarningSec ?? local.warningSec,
    attractNotices: pushed.attractNotices ?? true,
    attractMessage: pushed.attractMessage,
    openingHours: pushed.openingHours,
    peripherals: pushed.peripherals ?? local.peripherals,
    shell: { allowedOrigins: pushed.allowedOrigins, screenOff: pushed.screenOff, dailyRestart: pushed.dailyRestart },
  };
}

/** The settings that differ, compared by value. */
export function changedSettings(next: EffectiveSettings, previous: EffectiveSettings): Array<keyof EffectiveSettings> {
  return (Object.keys(next) as Array<keyof EffectiveSettings>).filter(
    (name) => JSON.stringify(next[name]) !== JSON.stringify(previous[name]),
  );
}

/** What the renderer is told (bridge getKioskSettings). */
export function kioskSettingsView(settings: EffectiveSettings, speechAvailable: boolean): KioskSettings {
  const { idleSec, warningSec, attractNotices, attractMessage, openingHours } = settings;
  return { idleSec, warningSec, speechAvailable, attractNotices, attractMessage, openingHours };
}
