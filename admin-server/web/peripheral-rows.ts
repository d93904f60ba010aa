/**
 * A kiosk's peripherals as form rows: one row per peripheral, a driver and that driver's fields,
 * read from the protocol's schema (protocol/src/peripherals.ts) so a field added there shows here.
 * Values are kept as typed text; only what is filled in is sent, numbers as numbers.
 */
import {
  LinliError,
  PeripheralConfig,
  type ErrorDetail,
  type PeripheralDriver,
  type PeripheralsFile,
} from '@linli/protocol';

/** One field of a driver: free text, a whole number, or one of the schema's values. */
export interface DriverField {
  name: PeripheralFieldName;
  required: boolean;
  kind: 'text' | 'integer' | 'choice';
  choices: readonly (string | number)[];
}

/** Every field a driver may have (besides id and driver), for their names in words. */
export const PERIPHERAL_FIELD_NAMES = [
  'path',
  'baudRate',
  'host',
  'port',
  'paperWidthMm',
  'printer',
  'server',
  'directory',
  'maxKeyGapMs',
  'minLength',
] as const;
export type PeripheralFieldName = (typeof PERIPHERAL_FIELD_NAMES)[number];

interface PropertySchema {
  type?: string;
  const?: string;
  enum?: readonly (string | number)[];
}
interface ObjectSchema {
  properties: Record<string, PropertySchema>;
  required?: readonly string[];
}

/** Each driver's fields in the schema's order. */
export const DRIVER_FIELDS = Object.fromEntries(
  (PeripheralConfig as unknown as { anyOf: ObjectSchema[] }).anyOf.map((branch) => [
    branch.properties.driver!.const!,
    Object.entries(branch.properties)
      .filter(([name]) => name !== 'id' && name !== 'driver')
      .map(([name, schema]): DriverField => ({
        name: name as PeripheralFieldName,
        required: branch.required?.includes(name) ?? false,
        kind: schema.enum ? 'choice' : schema.type === 'integer' ? 'integer' : 'text',
        choices: schema.enum ?? [],
      })),
  ]),
) as Record<PeripheralDriver, DriverField[]>;

/** What the admin server may push: a PDF folder printer writes files and is set up on the kiosk only. */
export const PUSHABLE_DRIVERS = (Object.keys(DRIVER_FIELDS) as PeripheralDriver[]).filter(
  (driver) => driver !== 'pdf-folder',
);

/** Examples shown in empty fields (addresses and paths read the same in every language). */
export const FIELD_EXAMPLES: Partial<Record<PeripheralFieldName, string>> = {
  path: '/dev/ttyUSB0',
  host: '192.168.1.50',
  port: '9100',
  printer: 'HP_LaserJet',
  server: 'localhost:631',
  maxKeyGapMs: '30',
  minLength: '6',
};

/** `key` keeps a row's inputs with it when another row is removed; it is not sent. */
export interface PeripheralRow {
  key: number;
  id: string;
  driver: PeripheralDriver;
  values: Partial<Record<PeripheralFieldName, string>>;
}

let lastKey = 0;
export function newPeripheralRow(driver: PeripheralDriver = 'ga467-serial', id = ''): PeripheralRow {
  return { key: ++lastKey, id, driver, values: {} };
}

export function rowsOf(file: PeripheralsFile | undefined): PeripheralRow[] {
  return (file?.peripherals ?? []).map((entry) => {
    const values: PeripheralRow['values'] = {};
    for (const field of DRIVER_FIELDS[entry.driver]) {
      const value = (entry as Record<string, unknown>)[field.name];
      if (value !== undefined) values[field.name] = String(value);
    }
    return { ...newPeripheralRow(entry.driver, entry.id), values };
  });
}

/**
 * The devices file to send, or undefined when nothing is set (the kiosk keeps its own file).
 * A field of another driver (left from before the driver was changed) is not sent.
 */
export function fileOf(rows: readonly PeripheralRow[], maintenancePin: string): PeripheralsFile | undefined {
  if (rows.length === 0 && !maintenancePin.trim()) return undefined;
  const peripherals = rows.map((row) => {
    const entry: Record<string, unknown> = { id: row.id.trim(), driver: row.driver };
    for (const field of DRIVER_FIELDS[row.driver]) {
      const text = row.values[field.name]?.trim() ?? '';
      if (!text) continue;
      const numeric = field.kind === 'integer' || (field.kind === 'choice' && typeof field.choices[0] === 'number');
      entry[field.name] = numeric && /^-?\d+$/.test(text) ? Number(text) : text;
    }
    return entry;
  });
  return {
    ...(maintenancePin.trim() && { maintenancePin: maintenancePin.trim() }),
    peripherals: peripherals as PeripheralsFile['peripherals'],
  };
}

/**
 * The problems of a devices file that concern the rows as they are. The schema allows one shape per
 * driver, so a validator reports why the entry fits none of them (a field "not allowed" for the
 * escpos-tcp shape, a path "required" by the serial one); only those about the row's own driver stay.
 */
export function rowProblems(
  error: LinliError,
  rows: readonly PeripheralRow[],
  prefix = '/peripherals/peripherals',
): LinliError {
  if (!error.details) return error;
  const details = error.details.filter((detail: ErrorDetail) => {
    const path = detail.path.replace(/^[a-z]+(?=\/)/, '');
    if (!path.startsWith(`${prefix}/`)) return true;
    const [index, field] = path.slice(prefix.length + 1).split('/');
    const row = rows[Number(index)];
    if (!row) return true;
    const fields = DRIVER_FIELDS[row.driver].map((f) => f.name as string);
    if (field === undefined) {
      const missing = /^must have required propert(?:y|ies) (.+)$/.exec(detail.message);
      return missing !== null && missing[1]!.split(/,\s*/).every((name) => fields.includes(name.replace(/'/g, '')));
    }
    return detail.message !== 'schema is false' && (field === 'id' || field === 'driver' || fields.includes(field));
  });
  return new LinliError(error.code, error.message, details);
}
