/**
 * A keyed hash (HMAC-SHA-256, 22 base64url characters) under a key the deployment makes on first
 * need and keeps in the settings table, so every server sharing the database hashes alike. Used
 * where a value must be matched or checked later but not guessed: account numbers on the audit
 * trail, the codes printed on receipts and case tickets.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Database } from '../db/database';
import { settingOnce } from '../db/settings';

export type KeyedHash = (value: string) => Promise<string>;

export function createKeyedHash(db: Database, setting: string): KeyedHash {
  let key: Promise<Buffer> | undefined;
  const keyOf = () => {
    key ??= settingOnce(db, setting, randomBytes(32).toString('base64')).then(
      (stored) => Buffer.from(stored, 'base64'),
      (error: unknown) => {
        // Asked again next time rather than failing every call from now on.
        key = undefined;
        throw error;
      },
    );
    return key;
  };
  return async (value) =>
    createHmac('sha256', await keyOf())
      .update(value)
      .digest('base64url')
      .slice(0, 22);
}
