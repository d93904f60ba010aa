/**
 * The schema, one entry per version, written once for both backends: each entry receives the
 * few type names that differ between SQLite and PostgreSQL. Forward-only: never edit a released
 * entry, add one.
 */
import type { Migration } from './migrate';

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'guides, change log, admin users, sessions, devices, settings',
    sql: (types) => `
      CREATE TABLE guides (
        id TEXT PRIMARY KEY,
        category TEXT NOT NULL,
        title TEXT NOT NULL,
        published INTEGER NOT NULL,
        version INTEGER NOT NULL,
        updated_at TEXT NOT NULL,
        data TEXT NOT NULL
      );
      CREATE INDEX guides_category ON guides (category);
      CREATE TABLE change_log (
        seq ${types.serialKey},
        entity TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        op TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
        payload TEXT,
        created_at TEXT NOT NULL
      );
      CREATE UNIQUE INDEX change_log_entity ON change_log (entity, entity_id);
      CREATE TABLE admin_users (
        username TEXT PRIMARY KEY,
        password_hash TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE admin_sessions (
        token_hash TEXT PRIMARY KEY,
        username TEXT NOT NULL REFERENCES admin_users (username) ON DELETE CASCADE,
        expires_at TEXT NOT NULL
      );
      CREATE TABLE devices (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        secret_hash TEXT NOT NULL,
        enrolled_at TEXT NOT NULL,
        revoked INTEGER NOT NULL DEFAULT 0,
        last_seen_at TEXT,
        app_version TEXT,
        cursor ${types.bigint},
        uptime_sec ${types.bigint}
      );
      CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `,
  },
  {
    version: 2,
    name: 'device peripherals health from heartbeats',
    sql: () => `ALTER TABLE devices ADD COLUMN peripherals TEXT;`,
  },
];
