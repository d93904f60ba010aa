/** The admin account and its sign-in sessions. */
import { LinliError } from '@linli/protocol';
import type { Database } from '../db/database';
import type { Clock } from './clock';
import { createAttemptLimiter } from './attempt-limiter';
import { hashPassword, randomToken, sha256, verifyPassword } from './secrets';

export const ADMIN_USERNAME = 'admin';
const SESSION_HOURS = 12;

export interface AdminAuth {
  /** Creates the admin account on first run; returns the generated password when none was given. */
  ensureAdmin(configuredPassword: string | undefined): Promise<{ generatedPassword?: string }>;
  /** `from` identifies the caller (its address) for the failed-attempt limit. */
  signIn(username: string, password: string, from: string): Promise<{ token: string; expiresAt: Date }>;
  sessionUser(token: string | undefined): Promise<string>;
  signOut(token: string | undefined): Promise<void>;
}

export function createAdminAuth(deps: { db: Database; clock: Clock }): AdminAuth {
  const { db, clock } = deps;
  const limiter = createAttemptLimiter({ clock });
  return {
    async ensureAdmin(configuredPassword) {
      const existing = await db.get<{ password_hash: string }>('SELECT password_hash FROM admin_users WHERE username = ?', [ADMIN_USERNAME]);
      if (existing) {
        // A password set in the environment wins, so an operator can always reset it.
        if (configuredPassword && !(await verifyPassword(configuredPassword, existing.password_hash))) {
          await db.run('UPDATE admin_users SET password_hash = ? WHERE username = ?', [await hashPassword(configuredPassword), ADMIN_USERNAME]);
        }
        return {};
      }
      const password = configuredPassword ?? randomToken(12);
      await db.run('INSERT INTO admin_users (username, password_hash, created_at) VALUES (?, ?, ?)', [ADMIN_USERNAME, await hashPassword(password), clock().toISOString()]);
      return configuredPassword ? {} : { generatedPassword: password };
    },
    async signIn(username, password, from) {
      const attemptKey = `${from} ${username}`;
      limiter.check(attemptKey);
      const user = await db.get<{ password_hash: string }>('SELECT password_hash FROM admin_users WHERE username = ?', [username]);
      if (!user || !(await verifyPassword(password, user.password_hash))) {
        limiter.failed(attemptKey);
        throw new LinliError('BAD_CREDENTIALS');
      }
      limiter.succeeded(attemptKey);
      const token = randomToken();
      const expiresAt = new Date(clock().getTime() + SESSION_HOURS * 3600 * 1000);
      await db.run('DELETE FROM admin_sessions WHERE expires_at <= ?', [clock().toISOString()]);
      await db.run('INSERT INTO admin_sessions (token_hash, username, expires_at) VALUES (?, ?, ?)', [sha256(token), username, expiresAt.toISOString()]);
      return { token, expiresAt };
    },
    async sessionUser(token) {
      if (!token) throw new LinliError('UNAUTHENTICATED');
      const session = await db.get<{ username: string; expires_at: string }>('SELECT username, expires_at FROM admin_sessions WHERE token_hash = ?', [sha256(token)]);
      if (!session || session.expires_at <= clock().toISOString()) throw new LinliError('UNAUTHENTICATED', 'Your session has ended; sign in again');
      return session.username;
    },
    async signOut(token) {
      if (token) await db.run('DELETE FROM admin_sessions WHERE token_hash = ?', [sha256(token)]);
    },
  };
}
