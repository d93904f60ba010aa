/** The kiosk's devices file: which peripherals are attached and how to reach them, checked before use. */
import { readFileSync } from 'node:fs';
import { LinliError, PERIPHERAL_KIND_OF_DRIVER, PeripheralsFile, validationErrors } from '@linli/protocol';

/** Parses and checks a devices file's text; every problem names the entry it is in. */
export function parsePeripheralsFile(text: string, source: string): PeripheralsFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new LinliError('CONFIG_INVALID', `Devices file ${source} is not JSON: ${(error as Error).message}`);
  }
  return checkPeripheralsFile(value, source);
}

/** Checks a devices file's content (read from disk or pushed by the admin server). */
export function checkPeripheralsFile(value: unknown, source: string): PeripheralsFile {
  const entries = (value as { peripherals?: unknown } | null)?.peripherals;
  if (Array.isArray(entries)) {
    entries.forEach((entry: { id?: unknown; driver?: unknown } | null, index) => {
      const driver = entry?.driver;
      if (typeof driver !== 'string' || !Object.hasOwn(PERIPHERAL_KIND_OF_DRIVER, driver)) {
        const known = Object.keys(PERIPHERAL_KIND_OF_DRIVER).join(', ');
        throw new LinliError(
          'CONFIG_INVALID',
          `Devices file ${source}: entry ${index + 1} (${String(entry?.id ?? 'no id')}) has unknown driver '${String(driver)}'; known drivers: ${known}`,
          [{ path: `/peripherals/${index}/driver`, message: 'unknown driver' }],
        );
      }
    });
  }
  const details = validationErrors(PeripheralsFile, value);
  if (details.length > 0) {
    throw new LinliError(
      'CONFIG_INVALID',
      `Devices file ${source}: ${details.map((d) => `${d.path} ${d.message}`).join('; ')}`,
      details,
    );
  }
  const file = value as PeripheralsFile;
  const seen = new Set<string>();
  for (const entry of file.peripherals) {
    if (seen.has(entry.id))
      throw new LinliError('CONFIG_INVALID', `Devices file ${source}: the id '${entry.id}' is used twice`);
    seen.add(entry.id);
  }
  return file;
}

/** Keyboard-wedge scanners are told apart from typing in the renderer, with these settings. */
export interface WedgeScannerSettings {
  maxKeyGapMs: number;
  minLength: number;
}

export function wedgeScannerSettings(file: PeripheralsFile): WedgeScannerSettings | undefined {
  const config = file.peripherals.find((entry) => entry.driver === 'keyboard-wedge-scanner');
  if (config?.driver !== 'keyboard-wedge-scanner') return undefined;
  return { maxKeyGapMs: config.maxKeyGapMs ?? 35, minLength: config.minLength ?? 4 };
}

export function loadPeripheralsFile(file: string): PeripheralsFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new LinliError(
      'CONFIG_INVALID',
      `Devices file ${file} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  return parsePeripheralsFile(text, file);
}
