/**
 * Keys issued for a node to callers outside (protocol issued-keys.ts), one kind per use: Open311
 * API keys (what an app or the city platform posts cases with, `api_key`; the cases are taken at
 * the node) and TV line-up keys (what an IPTV platform reads the node's private channels with).
 * Issued by someone with the kind's permission over the node; the key is shown once and only its
 * SHA-256 is kept (keys are long and random). Issuing and revoking are audited; a revoked key is
 * refused.
 */
import {
  LinliError,
  can,
  type IssuedKeyCreated,
  type IssuedKeyInput,
  type IssuedKeyView,
  type Permission,
} from '@linli/protocol';
import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database';
import { findOrg } from '../db/org-store';
import type { Actor } from './actor';
import type { AuditService } from './audit';
import type { Clock } from './clock';
import { randomToken, sha256 } from './secrets';

/** Who calls: the key's name and the node it was issued for. */
export interface KeyHolder {
  keyId: string;
  name: string;
  orgId: number;
  orgPath: string;
}

export interface IssuedKeys {
  create(actor: Actor, input: IssuedKeyInput): Promise<IssuedKeyCreated>;
  /** The keys of nodes in the actor's subtree. */
  list(actor: Actor): Promise<IssuedKeyView[]>;
  revoke(actor: Actor, id: string): Promise<IssuedKeyView>;
  /** The caller a key stands for; undefined for an unknown or revoked one. */
  authenticate(key: string | undefined): Promise<KeyHolder | undefined>;
}

/** One kind of issued key: its table, the prefixes of its ids and keys, who issues it, its audit name. */
export interface IssuedKeyKind {
  table: 'open311_keys' | 'tv_feed_keys';
  idPrefix: string;
  keyPrefix: string;
  permission: Permission;
  auditType: 'open311-key' | 'tv-feed-key';
  noun: string;
}

export const OPEN311_KEYS: IssuedKeyKind = {
  table: 'open311_keys',
  idPrefix: 'o311-',
  keyPrefix: 'o311_',
  permission: 'open311.keys',
  auditType: 'open311-key',
  noun: 'Open311 key',
};

/** Keys for /tv/channels.m3u and /tv/xmltv.xml: the private channels of the node's subtree too. */
export const TV_FEED_KEYS: IssuedKeyKind = {
  table: 'tv_feed_keys',
  idPrefix: 'tvk-',
  keyPrefix: 'tvk_',
  permission: 'content.review',
  auditType: 'tv-feed-key',
  noun: 'TV line-up key',
};

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

// Table names come from the fixed kinds above, never from input.
const selectKey = (kind: IssuedKeyKind) => `SELECT k.id, k.name, k.org_id, o.name AS org_name, o.path AS org_path,
  k.created_at, k.created_by, k.revoked_at FROM ${kind.table} k JOIN org_nodes o ON o.id = k.org_id`;

const view = (row: KeyRow): IssuedKeyView => ({
  id: row.id,
  name: row.name,
  orgId: Number(row.org_id),
  orgName: row.org_name,
  createdAt: row.created_at,
  createdBy: row.created_by,
  revokedAt: row.revoked_at,
});

export function createIssuedKeys(
  deps: { db: Database; clock: Clock; audit: AuditService },
  kind: IssuedKeyKind,
): IssuedKeys {
  const { db, clock, audit } = deps;
  const SELECT_KEY = selectKey(kind);
  const { auditType, permission } = kind;
  const target = (row: { id: string; org_id: number; org_path: string }) => ({
    type: auditType,
    id: row.id,
    orgId: Number(row.org_id),
    orgPath: row.org_path,
  });
  return {
    async create(actor, input) {
      const node = await findOrg(db, input.orgId);
      if (!node) throw new LinliError('NOT_FOUND', `No organisation ${input.orgId}`);
      const id = `${kind.idPrefix}${randomUUID().slice(0, 13)}`;
      await audit.authorize(actor, permission, `${auditType}.create`, {
        type: auditType,
        id,
        orgId: node.id,
        orgPath: node.path,
      });
      const name = input.name.trim();
      if (!name)
        throw new LinliError('VALIDATION_FAILED', '/name: must not be blank', [
          { path: '/name', message: 'must not be blank' },
        ]);
      const key = `${kind.keyPrefix}${randomToken(32)}`;
      const at = clock().toISOString();
      await db.transaction(async (tx) => {
        await tx.run(
          `INSERT INTO ${kind.table} (id, name, key_hash, org_id, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)`,
          [id, name, sha256(key), node.id, at, actor.username],
        );
        await audit.record(tx, actor, `${auditType}.create`, target({ id, org_id: node.id, org_path: node.path }), {
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
      if (!can(actor.role, permission))
        await audit.deny(actor, `${auditType}.list`, {
          type: auditType,
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
      if (!row) throw new LinliError('NOT_FOUND', `No ${kind.noun} ${id}`);
      await audit.authorizeChange(actor, permission, `${auditType}.revoke`, target(row));
      if (row.revoked_at) return view(row);
      const at = clock().toISOString();
      await db.transaction(async (tx) => {
        await tx.run(`UPDATE ${kind.table} SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL`, [at, id]);
        await audit.record(tx, actor, `${auditType}.revoke`, target(row), { after: { revokedAt: at } });
      });
      return view({ ...row, revoked_at: at });
    },
    async authenticate(key) {
      if (!key?.startsWith(kind.keyPrefix)) return undefined;
      const row = await db.get<KeyRow>(`${SELECT_KEY} WHERE k.key_hash = ? AND k.revoked_at IS NULL`, [sha256(key)]);
      return row && { keyId: row.id, name: row.name, orgId: Number(row.org_id), orgPath: row.org_path };
    },
  };
}
