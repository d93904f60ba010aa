/**
 * Open311 API keys: what an app or the city platform posts cases with (`api_key`). Each is issued
 * for a node — the cases it posts are taken there — by someone with open311.keys over that node;
 * the key is shown once and only its SHA-256 is kept (keys are long and random). Issuing and
 * revoking are audited; a revoked key is refused.
 */
import { LinliError, can, type Open311KeyCreated, type Open311KeyInput, type Open311KeyView } from '@linli/protocol';
import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database';
import { findOrg } from '../db/org-store';
import type { Actor } from './actor';
import type { AuditService } from './audit';
import type { Clock } from './clock';
import { randomToken, sha256 } from './secrets';

/** Who posted: the key's name and the node its cases are taken at. */
export interface Open311Caller {
  keyId: string;
  name: string;
  orgId: number;
  orgPath: string;
}

export interface Open311Keys {
  create(actor: Actor, input: Open311KeyInput): Promise<Open311KeyCreated>;
  /** The keys of nodes in the actor's subtree. */
  list(actor: Actor): Promise<Open311KeyView[]>;
  revoke(actor: Actor, id: string): Promise<Open311KeyView>;
  /** The caller a key stands for; undefined for an unknown or revoked one. */
  authenticate(key: string | undefined): Promise<Open311Caller | undefined>;
}

const KEY_PREFIX = 'o311_';

type KeyRow = {
  id: string;
  name: string;
  org_id: number;
  org_name: string;
  org_path: string;
  created_at: string;
  created_by: string;
  revoked_at: string | null;
};

const SELECT_KEY = `SELECT k.id, k.name, k.org_id, o.name AS org_name, o.path AS org_path, k.created_at, k.created_by,
  k.revoked_at FROM open311_keys k JOIN org_nodes o ON o.id = k.org_id`;

const view = (row: KeyRow): Open311KeyView => ({
  id: row.id,
  name: row.name,
  orgId: Number(row.org_id),
  orgName: row.org_name,
  createdAt: row.created_at,
  createdBy: row.created_by,
  revokedAt: row.revoked_at,
});

export function createOpen311Keys(deps: { db: Database; clock: Clock; audit: AuditService }): Open311Keys {
  const { db, clock, audit } = deps;
  const target = (row: { id: string; org_id: number; org_path: string }) => ({
    type: 'open311-key',
    id: row.id,
    orgId: Number(row.org_id),
    orgPath: row.org_path,
  });
  return {
    async create(actor, input) {
      const node = await findOrg(db, input.orgId);
      if (!node) throw new LinliError('NOT_FOUND', `No organisation ${input.orgId}`);
      const id = `o311-${randomUUID().slice(0, 13)}`;
      await audit.authorize(actor, 'open311.keys', 'open311-key.create', {
        type: 'open311-key',
        id,
        orgId: node.id,
        orgPath: node.path,
      });
      const name = input.name.trim();
      if (!name)
        throw new LinliError('VALIDATION_FAILED', '/name: must not be blank', [
          { path: '/name', message: 'must not be blank' },
        ]);
      const key = `${KEY_PREFIX}${randomToken(32)}`;
      const at = clock().toISOString();
      await db.transaction(async (tx) => {
        await tx.run(
          'INSERT INTO open311_keys (id, name, key_hash, org_id, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)',
          [id, name, sha256(key), node.id, at, actor.username],
        );
        await audit.record(tx, actor, 'open311-key.create', target({ id, org_id: node.id, org_path: node.path }), {
          after: { name, orgId: node.id },
        });
      });
      return {
        id,
        name,
        orgId: node.id,
        orgName: node.name,
        createdAt: at,
        createdBy: actor.username,
        revokedAt: null,
        key,
      };
    },
    async list(actor) {
      if (!can(actor.role, 'open311.keys'))
        await audit.deny(actor, 'open311-key.list', {
          type: 'open311-key',
          id: '*',
          orgId: actor.orgId,
          orgPath: actor.orgPath,
        });
      const rows = await db.all<KeyRow>(`${SELECT_KEY} WHERE o.path LIKE ? ORDER BY k.created_at DESC`, [
        `${actor.orgPath}%`,
      ]);
      return rows.map(view);
    },
    async revoke(actor, id) {
      const row = await db.get<KeyRow>(`${SELECT_KEY} WHERE k.id = ?`, [id]);
      if (!row) throw new LinliError('NOT_FOUND', `No Open311 key ${id}`);
      await audit.authorizeChange(actor, 'open311.keys', 'open311-key.revoke', target(row));
      if (row.revoked_at) return view(row);
      const at = clock().toISOString();
      await db.transaction(async (tx) => {
        await tx.run('UPDATE open311_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [at, id]);
        await audit.record(tx, actor, 'open311-key.revoke', target(row), { after: { revokedAt: at } });
      });
      return view({ ...row, revoked_at: at });
    },
    async authenticate(key) {
      if (!key?.startsWith(KEY_PREFIX)) return undefined;
      const row = await db.get<KeyRow>(`${SELECT_KEY} WHERE k.key_hash = ? AND k.revoked_at IS NULL`, [sha256(key)]);
      return row && { keyId: row.id, name: row.name, orgId: Number(row.org_id), orgPath: row.org_path };
    },
  };
}
