/** SQL for admin users and their sign-in sessions. */
import type { Role, UserView } from '@linli/protocol';
import type { Queryable } from './database';

export interface UserRow {
  username: string;
  password_hash: string;
  display_name: string;
  role: Role;
  org_id: number | null;
  disabled: number;
  failed_count: number;
  locked_until: string | null;
  totp_secret: string | null;
  totp_pending: string | null;
  totp_last_step: number | null;
  /** 1 while the password is one someone else set. */
  must_change_password: number;
  created_at: string;
  last_sign_in_at: string | null;
  [column: string]: unknown;
}

/** What may leave the server about a user: never the hash or the TOTP secret. */
export function userView(row: UserRow): UserView {
  return {
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    orgId: Number(row.org_id),
    disabled: row.disabled === 1,
    lockedUntil: row.locked_until,
    totpEnabled: row.totp_secret !== null,
    mustChangePassword: row.must_change_password === 1,
    createdAt: row.created_at,
    lastSignInAt: row.last_sign_in_at,
  };
}

export async function findUser(db: Queryable, username: string): Promise<UserRow | undefined> {
  return db.get<UserRow>('SELECT * FROM admin_users WHERE username = ?', [username]);
}

export async function insertUser(
  db: Queryable,
  user: {
    username: string;
    passwordHash: string;
    displayName: string;
    role: Role;
    orgId: number;
    /** The password was chosen by someone else: the user sets their own at first sign-in. */
    mustChangePassword: boolean;
  },
  at: Date,
): Promise<void> {
  await db.run(
    'INSERT INTO admin_users (username, password_hash, display_name, role, org_id, must_change_password, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    [
      user.username,
      user.passwordHash,
      user.displayName,
      user.role,
      user.orgId,
      user.mustChangePassword ? 1 : 0,
      at.toISOString(),
    ],
  );
}

/** Sets the given columns of one user; column names come from this module's callers, never from input. */
export async function updateUserColumns(
  db: Queryable,
  username: string,
  columns: Partial<
    Record<
      | 'password_hash'
      | 'display_name'
      | 'role'
      | 'org_id'
      | 'disabled'
      | 'must_change_password'
      | 'failed_count'
      | 'locked_until'
      | 'totp_secret'
      | 'totp_pending'
      | 'totp_last_step'
      | 'last_sign_in_at',
      string | number | null
    >
  >,
): Promise<void> {
  const names = Object.keys(columns);
  if (names.length === 0) return;
  await db.run(`UPDATE admin_users SET ${names.map((name) => `${name} = ?`).join(', ')} WHERE username = ?`, [
    ...Object.values(columns),
    username,
  ]);
}

/** Users whose node lies at or below `orgPath`, optionally matching `text` in name or user name. */
export async function listUsers(
  db: Queryable,
  filter: { orgPath: string; text?: string; offset: number; limit: number },
): Promise<{ rows: UserRow[]; total: number }> {
  const where = ['o.path LIKE ?'];
  const params: (string | number)[] = [`${filter.orgPath}%`];
  if (filter.text) {
    where.push('(u.username LIKE ? OR u.display_name LIKE ?)');
    params.push(`%${filter.text}%`, `%${filter.text}%`);
  }
  const from = `FROM admin_users u JOIN org_nodes o ON o.id = u.org_id WHERE ${where.join(' AND ')}`;
  const total = await db.get<{ n: number }>(`SELECT COUNT(*) AS n ${from}`, params);
  const rows = await db.all<UserRow>(`SELECT u.* ${from} ORDER BY o.path, u.username LIMIT ? OFFSET ?`, [
    ...params,
    filter.limit,
    filter.offset,
  ]);
  return { rows, total: Number(total?.n ?? 0) };
}

/** The roles of enabled users placed at `orgPath` or at a node above it (whose subtree covers it). */
export async function rolesCovering(db: Queryable, orgPath: string): Promise<Role[]> {
  const rows = await db.all<{ role: Role }>(
    "SELECT u.role AS role FROM admin_users u JOIN org_nodes o ON o.id = u.org_id WHERE u.disabled = 0 AND ? LIKE o.path || '%'",
    [orgPath],
  );
  return rows.map((row) => row.role);
}

export interface SessionRow {
  username: string;
  expires_at: string;
  last_active_at: string;
  csrf_token: string;
  [column: string]: unknown;
}

export async function insertSession(
  db: Queryable,
  session: { tokenHash: string; username: string; expiresAt: Date; csrfToken: string },
  at: Date,
): Promise<void> {
  await db.run('DELETE FROM admin_sessions WHERE expires_at <= ?', [at.toISOString()]);
  await db.run(
    'INSERT INTO admin_sessions (token_hash, username, expires_at, csrf_token, last_active_at) VALUES (?, ?, ?, ?, ?)',
    [session.tokenHash, session.username, session.expiresAt.toISOString(), session.csrfToken, at.toISOString()],
  );
}

export async function findSession(db: Queryable, tokenHash: string): Promise<SessionRow | undefined> {
  return db.get<SessionRow>(
    'SELECT username, expires_at, last_active_at, csrf_token FROM admin_sessions WHERE token_hash = ?',
    [tokenHash],
  );
}

export async function touchSession(db: Queryable, tokenHash: string, at: Date): Promise<void> {
  await db.run('UPDATE admin_sessions SET last_active_at = ? WHERE token_hash = ?', [at.toISOString(), tokenHash]);
}

export async function deleteSession(db: Queryable, tokenHash: string): Promise<void> {
  await db.run('DELETE FROM admin_sessions WHERE token_hash = ?', [tokenHash]);
}

/** Ends every session of a user (password reset, disabling, role change), or every one but `keepTokenHash`. */
export async function deleteUserSessions(db: Queryable, username: string, keepTokenHash?: string): Promise<void> {
  if (keepTokenHash === undefined) await db.run('DELETE FROM admin_sessions WHERE username = ?', [username]);
  else await db.run('DELETE FROM admin_sessions WHERE username = ? AND token_hash <> ?', [username, keepTokenHash]);
}

/**
 * Counts one sign-in attempt on the account before its password is checked, in one statement, so
 * attempts made at the same moment each count. A lock that has expired starts the count again.
 * Answers the count and the lock as they are after this attempt (undefined: no such account).
 */
/** How many names no account has are kept counted: the most recently tried. */
const UNKNOWN_NAMES_KEPT = 10_000;

/**
 * The same claim for a name no account has (unknown_sign_in_names): counted and locked as an
 * account would be, so neither a lock nor its timing tells which names exist. The least recently
 * tried beyond UNKNOWN_NAMES_KEPT are forgotten, so guessed names cannot fill the database.
 */
export async function claimUnknownNameAttempt(
  db: Queryable,
  username: string,
  now: string,
): Promise<{ failed_count: number; locked_until: string | null }> {
  const expired = 'unknown_sign_in_names.locked_until IS NOT NULL AND unknown_sign_in_names.locked_until <= ?';
  const claimed = await db.get<{ failed_count: number; locked_until: string | null }>(
    `INSERT INTO unknown_sign_in_names (username, failed_count, locked_until, last_at) VALUES (?, 1, NULL, ?)
     ON CONFLICT (username) DO UPDATE SET
       failed_count = CASE WHEN ${expired} THEN 1 ELSE unknown_sign_in_names.failed_count + 1 END,
       locked_until = CASE WHEN ${expired} THEN NULL ELSE unknown_sign_in_names.locked_until END,
       last_at = excluded.last_at
     RETURNING failed_count, locked_until`,
    [username, now, now, now],
  );
  await db.run(
    `DELETE FROM unknown_sign_in_names WHERE last_at < (SELECT last_at FROM unknown_sign_in_names ORDER BY last_at DESC LIMIT 1 OFFSET ${UNKNOWN_NAMES_KEPT - 1})`,
  );
  return claimed!;
}

export async function lockUnknownName(db: Queryable, username: string, until: string): Promise<void> {
  await db.run('UPDATE unknown_sign_in_names SET locked_until = ? WHERE username = ?', [until, username]);
}

export async function claimSignInAttempt(
  db: Queryable,
  username: string,
  now: string,
): Promise<{ failed_count: number; locked_until: string | null } | undefined> {
  const expired = 'locked_until IS NOT NULL AND locked_until <= ?';
  return db.get(
    `UPDATE admin_users SET failed_count = CASE WHEN ${expired} THEN 1 ELSE failed_count + 1 END,
       locked_until = CASE WHEN ${expired} THEN NULL ELSE locked_until END
     WHERE username = ? RETURNING failed_count, locked_until`,
    [now, now, username],
  );
}
