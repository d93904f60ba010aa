/** Small key/value settings (enrollment code, sync floor). */
import type { Queryable } from './database';

export async function readSetting(db: Queryable, key: string): Promise<string | undefined> {
  return (await db.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', [key]))?.value;
}

export async function writeSetting(db: Queryable, key: string, value: string): Promise<void> {
  await db.run(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    [key, value],
  );
}

/** Stores `value` unless the key has one already (another server may have been first); returns the stored one. */
export async function settingOnce(db: Queryable, key: string, value: string): Promise<string> {
  await db.run('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING', [key, value]);
  return (await readSetting(db, key))!;
}
