/**
 * Imports user accounts from a spreadsheet (columns 用户名, 姓名, 角色, 所属机构代码, 初始密码): each
 * row is checked against the same rules as the create form — name pattern, a role the importer
 * may give at that level, a node in their subtree, the password rules — and only a clean file is
 * written, in one transaction, each account audited (without its password).
 */
import {
  ASSIGNABLE_ROLES,
  PASSWORD_RULES,
  ROLES,
  ROLE_LEVELS,
  ROLE_NAMES,
  USERNAME_PATTERN,
  passwordProblem,
  type Role,
  type SheetImportReport,
} from '@linli/protocol';
import type { Database } from '../db/database';
import { listSubtree } from '../db/org-store';
import { findUser, insertUser, userView } from '../db/user-store';
import { RowProblems, readTable, type ColumnSpec } from '../import/sheet-table';
import { readSpreadsheet, type SheetFile } from '../import/spreadsheet';
import type { Actor } from './actor';
import type { AuditService } from './audit';
import type { Clock } from './clock';
import { hashPassword } from './secrets';

const COLUMNS: ColumnSpec<'username' | 'displayName' | 'role' | 'orgCode' | 'password'>[] = [
  { key: 'username', headers: ['用户名', '账号', 'username'], required: true },
  { key: 'displayName', headers: ['姓名', 'name', 'display name'], required: true },
  { key: 'role', headers: ['角色', 'role'], required: true },
  { key: 'orgCode', headers: ['所属机构代码', '机构代码', 'org code'], required: true },
  { key: 'password', headers: ['初始密码', '密码', 'password'], required: true },
];

/** A role cell may hold the role's id or its name in any of the three languages. */
function roleOf(text: string): Role | undefined {
  const wanted = text.trim();
  return ROLES.find((role) => role === wanted || Object.values(ROLE_NAMES).some((names) => names[role] === wanted));
}

/** Users from a spreadsheet: checked whole, then written in one transaction (or only checked). */
export interface UserImport {
  /** Authorises the actor first, and only then reads the file. */
  run(actor: Actor, file: SheetFile, dryRun: boolean): Promise<SheetImportReport>;
}

export function createUserImport(deps: { db: Database; clock: Clock; audit: AuditService }): UserImport {
  const { db, clock, audit } = deps;
  return {
    async run(actor: Actor, file: SheetFile, dryRun: boolean): Promise<SheetImportReport> {
      await audit.authorize(actor, 'user.manage', 'user.import', {
        type: 'user',
        id: '-',
        orgId: actor.orgId,
        orgPath: actor.orgPath,
      });
      const records = readTable(readSpreadsheet(file).rows, COLUMNS);
      const problems = new RowProblems();
      const nodes = new Map((await listSubtree(db, actor.orgPath)).map((node) => [node.code, node]));
      const seen = new Set<string>();
      const accepted: {
        username: string;
        displayName: string;
        role: Role;
        orgId: number;
        orgPath: string;
        password: string;
      }[] = [];
      for (const { row, cells } of records) {
        const before = problems.details.length;
        if (!new RegExp(USERNAME_PATTERN).test(cells.username))
          problems.add(row, '用户名', 'must be 3–32 lower-case letters, digits, . _ -, starting with a letter');
        else if (seen.has(cells.username)) problems.add(row, '用户名', 'appears twice in the file');
        else if (await findUser(db, cells.username)) problems.add(row, '用户名', 'is taken');
        seen.add(cells.username);
        if (!cells.displayName || cells.displayName.length > 40) problems.add(row, '姓名', 'must have 1–40 characters');
        const role = roleOf(cells.role);
        const node = nodes.get(cells.orgCode);
        const givable = role !== undefined && ASSIGNABLE_ROLES[actor.role].includes(role);
        if (!role) problems.add(row, '角色', `${cells.role || '(empty)'} is not a role`);
        else if (!givable) problems.add(row, '角色', 'is a role you may not give');
        if (!node) problems.add(row, '所属机构代码', `${cells.orgCode || '(empty)'} is not in your part of the tree`);
        else if (givable && !ROLE_LEVELS[role].includes(node.level))
          problems.add(row, '所属机构代码', `a ${role} belongs at a ${ROLE_LEVELS[role].join(' or ')} node`);
        const weak = passwordProblem(cells.password, cells.username);
        if (weak) problems.add(row, '初始密码', PASSWORD_RULES[weak]);
        if (problems.details.length === before)
          accepted.push({ ...cells, role: role!, orgId: node!.id, orgPath: node!.path });
      }
      problems.throwIfAny();
      const report = { dryRun, rows: records.length, created: accepted.length, updated: 0, unchanged: 0 };
      if (dryRun) return report;
      // Hashing is slow by design; do it before the transaction holds its locks.
      const hashed = await Promise.all(
        // The sheet's passwords are known to whoever wrote it: each user sets their own at first sign-in.
        accepted.map(async (user) => ({
          ...user,
          passwordHash: await hashPassword(user.password),
          mustChangePassword: true,
        })),
      );
      await db.transaction(async (tx) => {
        for (const user of hashed) {
          await insertUser(tx, user, clock());
          await audit.record(
            tx,
            actor,
            'user.import',
            { type: 'user', id: user.username, orgId: user.orgId, orgPath: user.orgPath },
            { after: userView((await findUser(tx, user.username))!) },
          );
        }
      });
      return report;
    },
  };
}
