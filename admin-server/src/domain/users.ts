/**
 * User accounts: administrators create and change accounts within their own subtree, handing
 * out only the roles their own role may assign; everyone manages their own password and
 * authenticator. Every change is audited with the account as it was and as it became.
 */
import {
  ASSIGNABLE_ROLES,
  LinliError,
  PASSWORD_RULES,
  ROLE_LEVELS,
  can,
  passwordProblem,
  type PasswordChange,
  type Role,
  type TotpSetup,
  type UserInput,
  type UserList,
  type UserListQuery,
  type UserUpdate,
  type UserView,
} from '@linli/protocol';
import QRCode from 'qrcode';
import type { Database } from '../db/database';
import type { StoredOrgNode } from '../db/org-store';
import {
  deleteUserSessions,
  findUser,
  insertUser,
  listUsers,
  rolesCovering,
  updateUserColumns,
  userView,
  type UserRow,
} from '../db/user-store';
import type { Actor } from './actor';
import type { AuditService } from './audit';
import type { Clock } from './clock';
import { mustFindOrg } from './org-tree';
import { hashPassword, verifyPassword } from './secrets';
import { generateTotpSecret, otpauthUri, verifyTotp } from './totp';

export const TOTP_ISSUER = '邻里 Linli';

export interface UserService {
  list(actor: Actor, query: UserListQuery): Promise<UserList>;
  create(actor: Actor, input: UserInput): Promise<UserView>;
  update(actor: Actor, username: string, input: UserUpdate): Promise<UserView>;
  /** Ends every other session of the account; `currentSession` (the token's hash) stays signed in. */
  changeOwnPassword(actor: Actor, change: PasswordChange, currentSession: string | undefined): Promise<void>;
  /** Needs the current password: a session left open must not be enough to bind an authenticator. */
  startTotp(actor: Actor, currentPassword: string): Promise<TotpSetup>;
  confirmTotp(actor: Actor, code: string): Promise<void>;
  disableTotp(actor: Actor, currentPassword: string): Promise<void>;
  /**
   * How many enabled users may approve a notice the actor writes (the actor included): those who
   * may review content and whose node is the actor's or one above it. A notice needs a second one.
   */
  noticeApprovers(actor: Actor): Promise<number>;
}

function assertPassword(password: string, username: string, path: string): void {
  const problem = passwordProblem(password, username);
  if (problem)
    throw new LinliError('PASSWORD_WEAK', `${path}: ${PASSWORD_RULES[problem]}`, [
      { path, message: PASSWORD_RULES[problem] },
    ]);
}

function assertRoleFits(role: Role, node: StoredOrgNode): void {
  if (!ROLE_LEVELS[role].includes(node.level)) {
    const message = `a ${role} belongs at a ${ROLE_LEVELS[role].join(' or ')} node, not a ${node.level}`;
    throw new LinliError('VALIDATION_FAILED', `/orgId: ${message}`, [{ path: '/orgId', message }]);
  }
}

export function createUserService(deps: { db: Database; clock: Clock; audit: AuditService }): UserService {
  const { db, clock, audit } = deps;
  const target = (username: string, node: StoredOrgNode) => ({
    type: 'user',
    id: username,
    orgId: node.id,
    orgPath: node.path,
  });

  /** Refuses roles the actor may not hand out, recorded like any other refusal. */
  async function authorizeRole(
    actor: Actor,
    role: Role,
    action: string,
    username: string,
    node: StoredOrgNode,
  ): Promise<void> {
    await audit.authorize(actor, 'user.manage', action, target(username, node));
    if (!ASSIGNABLE_ROLES[actor.role].includes(role))
      await audit.deny(actor, action, target(username, node), `You may not give or change the role ${role}`);
  }

  async function mustFindUser(username: string): Promise<UserRow> {
    const user = await findUser(db, username);
    if (!user) throw new LinliError('NOT_FOUND', `No user '${username}'`);
    return user;
  }

  async function ownAccount(actor: Actor): Promise<UserRow> {
    return mustFindUser(actor.username);
  }

  /** The actor's own account, once `password` proves it is them at the keyboard. */
  async function ownAccountWithPassword(actor: Actor, password: string): Promise<UserRow> {
    const user = await ownAccount(actor);
    if (!(await verifyPassword(password, user.password_hash)))
      throw new LinliError('BAD_CREDENTIALS', 'The current password is wrong', [
        { path: '/currentPassword', message: 'is wrong' },
      ]);
    return user;
  }

  return {
    async noticeApprovers(actor) {
      const node = await mustFindOrg(db, actor.orgId);
      await audit.authorize(actor, 'content.edit', 'notice.approvers', {
        type: 'notice',
        id: '-',
        orgId: node.id,
        orgPath: node.path,
      });
      return (await rolesCovering(db, node.path)).filter((role) => can(role, 'content.review')).length;
    },
    async list(actor, query) {
      const node = query.orgId === undefined ? await mustFindOrg(db, actor.orgId) : await mustFindOrg(db, query.orgId);
      await audit.authorize(actor, 'user.manage', 'user.list', target('-', node));
      const { rows, total } = await listUsers(db, {
        orgPath: node.path,
        text: query.q?.trim() || undefined,
        offset: query.offset ?? 0,
        limit: query.limit ?? 50,
      });
      return { users: rows.map(userView), total };
    },

    async create(actor, input) {
      const node = await mustFindOrg(db, input.orgId);
      await authorizeRole(actor, input.role, 'user.create', input.username, node);
      assertRoleFits(input.role, node);
      assertPassword(input.password, input.username, '/password');
      const passwordHash = await hashPassword(input.password);
      return db.transaction(async (tx) => {
        if (await findUser(tx, input.username))
          throw new LinliError('ALREADY_EXISTS', `User name '${input.username}' is taken`, [
            { path: '/username', message: 'is taken' },
          ]);
        await insertUser(
          tx,
          {
            username: input.username,
            passwordHash,
            displayName: input.displayName.trim(),
            role: input.role,
            orgId: node.id,
            mustChangePassword: input.mustChangePassword ?? true,
          },
          clock(),
        );
        const created = userView((await findUser(tx, input.username))!);
        await audit.record(tx, actor, 'user.create', target(input.username, node), { after: created });
        return created;
      });
    },

    async update(actor, username, input) {
      if (username === actor.username)
        throw new LinliError(
          'FORBIDDEN',
          'Change your own account on the account page; another administrator changes your role or node',
        );
      const user = await mustFindUser(username);
      const node = await mustFindOrg(db, Number(user.org_id));
      await authorizeRole(actor, user.role, 'user.update', username, node);
      const newNode = input.orgId === undefined ? node : await mustFindOrg(db, input.orgId);
      const newRole = input.role ?? user.role;
      if (newNode.id !== node.id || newRole !== user.role) {
        await authorizeRole(actor, newRole, 'user.update', username, newNode);
        assertRoleFits(newRole, newNode);
      }
      if (input.password !== undefined) assertPassword(input.password, username, '/password');
      const passwordHash = input.password === undefined ? undefined : await hashPassword(input.password);
      return db.transaction(async (tx) => {
        const before = userView(user);
        await updateUserColumns(tx, username, {
          ...(input.displayName !== undefined && { display_name: input.displayName.trim() }),
          ...(input.role !== undefined && { role: input.role }),
          ...(input.orgId !== undefined && { org_id: newNode.id }),
          ...(input.disabled !== undefined && { disabled: input.disabled ? 1 : 0 }),
          ...(passwordHash !== undefined && {
            password_hash: passwordHash,
            must_change_password: (input.mustChangePassword ?? true) ? 1 : 0,
          }),
          ...(input.unlock && { failed_count: 0, locked_until: null }),
        });
        // New rights, a new password or a disabled account take effect now, not at next sign-in.
        if (input.role !== undefined || input.orgId !== undefined || input.disabled || passwordHash !== undefined)
          await deleteUserSessions(tx, username);
        const after = userView((await findUser(tx, username))!);
        await audit.record(tx, actor, passwordHash ? 'user.reset-password' : 'user.update', target(username, newNode), {
          before,
          after,
        });
        return after;
      });
    },

    async changeOwnPassword(actor, change, currentSession) {
      await ownAccountWithPassword(actor, change.currentPassword);
      assertPassword(change.newPassword, actor.username, '/newPassword');
      const passwordHash = await hashPassword(change.newPassword);
      const node = await mustFindOrg(db, actor.orgId);
      await db.transaction(async (tx) => {
        await updateUserColumns(tx, actor.username, { password_hash: passwordHash, must_change_password: 0 });
        // Whoever may have the old password is signed out everywhere else.
        await deleteUserSessions(tx, actor.username, currentSession);
        await audit.record(tx, actor, 'account.change-password', target(actor.username, node), {});
      });
    },

    async startTotp(actor, currentPassword) {
      await ownAccountWithPassword(actor, currentPassword);
      const secret = generateTotpSecret();
      await updateUserColumns(db, actor.username, { totp_pending: secret });
      const uri = otpauthUri(secret, actor.username, TOTP_ISSUER);
      return { secret, uri, qrSvg: await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }) };
    },

    async confirmTotp(actor, code) {
      const user = await ownAccount(actor);
      if (!user.totp_pending)
        throw new LinliError('VALIDATION_FAILED', 'Start setting up the authenticator first', [
          { path: '/code', message: 'no set-up in progress' },
        ]);
      const check = verifyTotp(user.totp_pending, code, clock());
      if (!check.ok) throw new LinliError('TOTP_WRONG', undefined, [{ path: '/code', message: 'does not match' }]);
      const node = await mustFindOrg(db, actor.orgId);
      await db.transaction(async (tx) => {
        await updateUserColumns(tx, actor.username, {
          totp_secret: user.totp_pending,
          totp_pending: null,
          totp_last_step: check.step,
        });
        await audit.record(tx, actor, 'account.totp-on', target(actor.username, node), {});
      });
    },

    async disableTotp(actor, currentPassword) {
      await ownAccountWithPassword(actor, currentPassword);
      const node = await mustFindOrg(db, actor.orgId);
      await db.transaction(async (tx) => {
        await updateUserColumns(tx, actor.username, { totp_secret: null, totp_pending: null, totp_last_step: null });
        await audit.record(tx, actor, 'account.totp-off', target(actor.username, node), {});
      });
    },
  };
}
