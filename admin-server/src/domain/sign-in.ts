/**
 * Signing in and out: passwords, an optional authenticator code, lockout after repeated
 * failures, and sessions that end after 12 hours or 30 idle minutes. Every attempt is audited.
 */
import { LinliError, ROLE_PERMISSIONS, type Role } from '@linli/protocol';
import type { Database } from '../db/database';
import { findRootOrg } from '../db/org-store';
import {
  claimSignInAttempt,
  claimUnknownNameAttempt,
  deleteSession,
  findSession,
  findUser,
  insertSession,
  insertUser,
  lockUnknownName,
  touchSession,
  updateUserColumns,
  type UserRow,
} from '../db/user-store';
import type { Actor } from './actor';
import { createAttemptLimiter } from './attempt-limiter';
import { writeAudit } from './audit';
import type { Clock } from './clock';
import { mustFindOrg } from './org-tree';
import { hashPassword, randomToken, sha256, verifyPassword } from './secrets';
import { verifyTotp } from './totp';

export const FIRST_ADMIN = 'admin';
export const SESSION_HOURS = 12;
export const SESSION_IDLE_MINUTES = 30;
export const LOCKOUT_FAILURES = 5;
export const LOCKOUT_MINUTES = 15;
const MINUTE = 60_000;

export interface Session {
  actor: Omit<Actor, 'from'>;
  displayName: string;
  permissions: string[];
  totpEnabled: boolean;
  mustChangePassword: boolean;
  csrfToken: string;
}

export interface SignInService {
  /** Creates the first system administrator on first run; returns the password when it was generated. */
  ensureFirstAdmin(configuredPassword: string | undefined): Promise<{ generatedPassword?: string }>;
  signIn(request: {
    username: string;
    password: string;
    totp?: string;
    from: string;
  }): Promise<{ token: string; expiresAt: Date }>;
  session(token: string | undefined): Promise<Session>;
  signOut(token: string | undefined): Promise<void>;
}

export function createSignInService(deps: { db: Database; clock: Clock }): SignInService {
  const { db, clock } = deps;
  // Slows one address trying many user names; the per-account lockout handles one name.
  const perAddress = createAttemptLimiter({ db, scope: 'sign-in', clock, maxFailures: 30 });

  // Unknown names are counted and locked like accounts (in the database, for every instance), and
  // cost the same password check, so neither a 423 nor the time an answer takes tells which names exist.
  const dummyHash = hashPassword(randomToken());
  const lockEnd = (now: Date) => new Date(now.getTime() + LOCKOUT_MINUTES * MINUTE);

  /**
   * Counts this attempt before any password is checked, so guesses sent at the same moment each
   * count: beyond LOCKOUT_FAILURES, or while a lock holds, the attempt is locked out unchecked.
   */
  async function claimAttempt(username: string, now: Date): Promise<{ count: number; locked: boolean }> {
    const known = await claimSignInAttempt(db, username, now.toISOString());
    const claimed = known ?? (await claimUnknownNameAttempt(db, username, now.toISOString()));
    const count = Number(claimed.failed_count);
    if (claimed.locked_until === null && count > LOCKOUT_FAILURES) await lock(known !== undefined, username, now);
    return { count, locked: claimed.locked_until !== null || count > LOCKOUT_FAILURES };
  }

  const lock = (known: boolean, username: string, now: Date) =>
    known
      ? updateUserColumns(db, username, { locked_until: lockEnd(now).toISOString() })
      : lockUnknownName(db, username, lockEnd(now).toISOString());

  /** After a wrong password or code: the attempt that reaches the limit locks the account. */
  async function lockIfAtLimit(user: UserRow | undefined, username: string, count: number, now: Date) {
    if (count >= LOCKOUT_FAILURES) await lock(user !== undefined, username, now);
  }

  async function refuse(
    user: UserRow | undefined,
    username: string,
    from: string,
    code: 'BAD_CREDENTIALS' | 'TOTP_REQUIRED' | 'TOTP_WRONG' | 'ACCOUNT_LOCKED' | 'ACCOUNT_DISABLED',
  ): Promise<never> {
    const now = clock();
    const org = user?.org_id == null ? undefined : await mustFindOrg(db, Number(user.org_id));
    await writeAudit(
      db,
      {
        actor: username,
        action: 'session.sign-in',
        target: { type: 'user', id: username, orgId: org?.id ?? null, orgPath: org?.path ?? null },
        from,
        outcome: 'failed',
        after: { code },
      },
      now,
    );
    if (code === 'BAD_CREDENTIALS' || code === 'TOTP_WRONG') await perAddress.failed(from);
    if (code === 'ACCOUNT_LOCKED')
      throw new LinliError(
        code,
        `Locked after ${LOCKOUT_FAILURES} failed sign-ins; try again later or ask an administrator to unlock it`,
      );
    throw new LinliError(code);
  }

  return {
    async ensureFirstAdmin(configuredPassword) {
      const existing = await findUser(db, FIRST_ADMIN);
      const root = await findRootOrg(db);
      if (!root) throw new LinliError('CONFIG_INVALID', 'The organisation tree has no root node');
      if (existing) {
        // A password set in the environment wins, so an operator can always get back in.
        if (configuredPassword && !(await verifyPassword(configuredPassword, existing.password_hash))) {
          await updateUserColumns(db, FIRST_ADMIN, {
            password_hash: await hashPassword(configuredPassword),
            failed_count: 0,
            locked_until: null,
          });
        }
        if (existing.org_id === null)
          await updateUserColumns(db, FIRST_ADMIN, {
            org_id: root.id,
            role: 'system-admin',
            display_name: existing.display_name || '系统管理员',
          });
        return {};
      }
      const password = configuredPassword ?? `${randomToken(9)}7a`;
      await insertUser(
        db,
        {
          username: FIRST_ADMIN,
          passwordHash: await hashPassword(password),
          displayName: '系统管理员',
          role: 'system-admin',
          orgId: root.id,
          // A generated password was printed to a console others may read.
          mustChangePassword: !configuredPassword,
        },
        clock(),
      );
      return configuredPassword ? {} : { generatedPassword: password };
    },

    async signIn({ username, password, totp, from }) {
      await perAddress.check(from);
      const now = clock();
      const user = await findUser(db, username);
      const attempt = await claimAttempt(username, now);
      if (attempt.locked) return refuse(user, username, from, 'ACCOUNT_LOCKED');
      if (!(await verifyPassword(password, user?.password_hash ?? (await dummyHash))) || !user) {
        await lockIfAtLimit(user, username, attempt.count, now);
        return refuse(user, username, from, 'BAD_CREDENTIALS');
      }
      if (user.disabled === 1) return refuse(user, username, from, 'ACCOUNT_DISABLED');
      let totpStep: number | null = user.totp_last_step === null ? null : Number(user.totp_last_step);
      if (user.totp_secret) {
        if (!totp) return refuse(user, username, from, 'TOTP_REQUIRED');
        const check = verifyTotp(user.totp_secret, totp, now, { lastUsedStep: totpStep ?? undefined });
        if (!check.ok) {
          await lockIfAtLimit(user, username, attempt.count, now);
          return refuse(user, username, from, 'TOTP_WRONG');
        }
        totpStep = check.step;
      }
      await perAddress.succeeded(from);
      const token = randomToken();
      const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000);
      const org = await mustFindOrg(db, Number(user.org_id));
      await db.transaction(async (tx) => {
        await updateUserColumns(tx, username, {
          failed_count: 0,
          locked_until: null,
          last_sign_in_at: now.toISOString(),
          totp_last_step: totpStep,
        });
        await insertSession(tx, { tokenHash: sha256(token), username, expiresAt, csrfToken: randomToken() }, now);
        await writeAudit(
          tx,
          {
            actor: username,
            action: 'session.sign-in',
            target: { type: 'user', id: username, orgId: org.id, orgPath: org.path },
            from,
            outcome: 'ok',
          },
          now,
        );
      });
      return { token, expiresAt };
    },

    async session(token) {
      if (!token) throw new LinliError('UNAUTHENTICATED');
      const tokenHash = sha256(token);
      const row = await findSession(db, tokenHash);
      const now = clock();
      const idleSince = new Date(now.getTime() - SESSION_IDLE_MINUTES * MINUTE).toISOString();
      if (!row || row.expires_at <= now.toISOString() || row.last_active_at < idleSince) {
        if (row) await deleteSession(db, tokenHash);
        throw new LinliError('UNAUTHENTICATED', 'Your session has ended; sign in again');
      }
      const user = await findUser(db, row.username);
      if (!user || user.disabled === 1)
        throw new LinliError('UNAUTHENTICATED', 'Your session has ended; sign in again');
      // Writing on every request would make each read a write; a minute's precision is enough.
      if (row.last_active_at < new Date(now.getTime() - MINUTE).toISOString()) await touchSession(db, tokenHash, now);
      const org = await mustFindOrg(db, Number(user.org_id));
      const role: Role = user.role;
      return {
        actor: { username: user.username, role, orgId: org.id, orgPath: org.path },
        displayName: user.display_name,
        permissions: [...ROLE_PERMISSIONS[role]],
        totpEnabled: user.totp_secret !== null,
        mustChangePassword: user.must_change_password === 1,
        csrfToken: row.csrf_token,
      };
    },

    async signOut(token) {
      if (token) await deleteSession(db, sha256(token));
    },
  };
}
