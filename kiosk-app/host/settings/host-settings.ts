/** The kiosk's effective settings kept current: resolved again from the cache when a sync brings settings, and what changed announced. */
import type { DeviceSettingsPayload } from '@linli/protocol';
import {
  changedSettings,
  checkPushedSettings,
  resolveSettings,
  type EffectiveSettings,
  type LocalSettings,
} from './kiosk-settings';

export interface HostSettings {
  current(): EffectiveSettings;
  /** Reads the stored settings again; calls `onChange` when the effective ones differ. */
  refresh(): void;
}

export interface HostSettingsDeps {
  local: LocalSettings;
  stored: () => DeviceSettingsPayload | null;
  onChange: (changed: Array<keyof EffectiveSettings>) => void;
  log: (message: string) => void;
}

export function createHostSettings(deps: HostSettingsDeps): HostSettings {
  const resolve = () => {
    const { settings, problems } = checkPushedSettings(deps.stored()?.settings ?? {}, deps.local.printerNetworks);
    problems.forEach((problem) => deps.log(`pushed setting not used: ${problem}`));
    return resolveSettings(deps.local, settings);
  };
  let current = resolve();
  return {
    current: () => current,
    refresh() {
      const next = resolve();
      const changed = changedSettings(next, current);
      current = next;
      if (changed.length > 0) deps.onChange(changed);
    },
  };
}
