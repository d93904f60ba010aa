/**
 * Enrollment codes per org node: a device enrolled with one belongs to that node. Codes expire,
 * may be limited to one or a few devices, and can be revoked; each use is counted.
 */
import { LinliError, type EnrollmentCodeInput, type EnrollmentCodeView } from '@linli/protocol';
import type { Database, Queryable } from '../db/database';
import { findOrg } from '../db/org-store';
import type { Actor } from './actor';
import type { AuditService } from './audit';
import type { Clock } from './clock';
import { mustFindOrg } from './org-tree';
import { enrollmentCode, sha256 } from './secrets';

interface CodeRow {
  code: string;
  org_id: number;
  expires_at: string;
  max_uses: number | null;
  uses: number;
  revoked: number;
  created_by: string;
  created_at: string;
  [column: string]: unknown;
}

function view(row: CodeRow): EnrollmentCodeView {
  return {
    code: row.code,
    orgId: Number(row.org_id),
    expiresAt: row.expires_at,
    maxUses: row.max_uses === null ? null : Number(row.max_uses),
    uses: Number(row.uses),
    revoked: row.revoked === 1,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

/**
 * Counts one use of a live code and returns its node; undefined when no such code was issued.
 * The use is counted by one statement that also checks the code is live, so two kiosks enrolling
 * at the same moment cannot both take a code's last use.
 */
export async function claimEnrollmentCode(tx: Queryable, code: string, now: Date): Promise<number | undefined> {
  const normalised = code.trim().toUpperCase();
  const claimed = await tx.get<{ org_id: number }>(
    `UPDATE enrollment_codes SET uses = uses + 1
     WHERE code = ? AND revoked = 0 AND expires_at > ? AND (max_uses IS NULL OR uses < max_uses) RETURNING org_id`,
    [normalised, now.toISOString()],
  );
  if (claimed) return Number(claimed.org_id);
  const row = await tx.get<CodeRow>('SELECT * FROM enrollment_codes WHERE code = ?', [normalised]);
  if (!row) return undefined;
  if (row.revoked === 1) throw new LinliError('ENROLLMENT_CODE_INVALID', 'This enrollment code was revoked');
  if (row.expires_at <= now.toISOString())
    throw new LinliError('ENROLLMENT_CODE_INVALID', 'This enrollment code has expired');
  throw new LinliError('ENROLLMENT_CODE_INVALID', 'This enrollment code has been used up');
}

/**
 * How the audit trail names a code: a fingerprint, never the code, which would let anyone who
 * may read the trail enroll a kiosk.
 */
export function codeFingerprint(code: string): string {
  return `sha256:${sha256(code).slice(0, 12)}`;
}

function auditView(row: CodeRow) {
  const { code, ...rest } = view(row);
  return { ...rest, code: codeFingerprint(code) };
}

/** The codes a new kiosk enrolls with, each placing it under an org node. */
export interface EnrollmentCodes {
  create(actor: Actor, input: EnrollmentCodeInput): Promise<EnrollmentCodeView>;
  list(actor: Actor): Promise<EnrollmentCodeView[]>;
  revoke(actor: Actor, code: string): Promise<void>;
}

export function createEnrollmentCodes(deps: { db: Database; clock: Clock; audit: AuditService }): EnrollmentCodes {
  const { db, clock, audit } = deps;
  return {
    async create(actor: Actor, input: EnrollmentCodeInput): Promise<EnrollmentCodeView> {
      const node = await mustFindOrg(db, input.orgId);
      const target = { type: 'enrollment-code', id: '-', orgId: node.id, orgPath: node.path };
      await audit.authorize(actor, 'device.manage', 'device.create-code', target);
      const now = clock();
      const row: CodeRow = {
        code: enrollmentCode(),
        org_id: node.id,
        expires_at: new Date(now.getTime() + input.validDays * 86_400_000).toISOString(),
        max_uses: input.maxUses,
        uses: 0,
        revoked: 0,
        created_by: actor.username,
        created_at: now.toISOString(),
      };
      await db.transaction(async (tx) => {
        await tx.run(
          'INSERT INTO enrollment_codes (code, org_id, expires_at, max_uses, uses, revoked, created_by, created_at) VALUES (?, ?, ?, ?, 0, 0, ?, ?)',
          [row.code, row.org_id, row.expires_at, row.max_uses, row.created_by, row.created_at],
        );
        await audit.record(
          tx,
          actor,
          'device.create-code',
          { ...target, id: codeFingerprint(row.code) },
          { after: auditView(row) },
        );
      });
      return view(row);
    },
    async list(actor: Actor): Promise<EnrollmentCodeView[]> {
      await audit.authorize(actor, 'device.manage', 'device.list-codes', {
        type: 'enrollment-code',
        id: '-',
        orgId: actor.orgId,
        orgPath: actor.orgPath,
      });
      const rows = await db.all<CodeRow>(
        'SELECT c.* FROM enrollment_codes c JOIN org_nodes o ON o.id = c.org_id WHERE o.path LIKE ? ORDER BY c.created_at DESC',
        [`${actor.orgPath}%`],
      );
      return rows.map(view);
    },
    async revoke(actor: Actor, code: string): Promise<void> {
      const row = await db.get<CodeRow>('SELECT * FROM enrollment_codes WHERE code = ?', [code]);
      const node = row && (await findOrg(db, Number(row.org_id)));
      if (!row || !node) throw new LinliError('NOT_FOUND', `No enrollment code ${code}`);
      const target = { type: 'enrollment-code', id: codeFingerprint(code), orgId: node.id, orgPath: node.path };
      await audit.authorize(actor, 'device.manage', 'device.revoke-code', target);
      await db.transaction(async (tx) => {
        await tx.run('UPDATE enrollment_codes SET revoked = 1 WHERE code = ?', [code]);
        await audit.record(tx, actor, 'device.revoke-code', target, {
          before: auditView(row),
          after: { ...auditView(row), revoked: true },
        });
      });
    },
  };
}
