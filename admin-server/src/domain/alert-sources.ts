/**
 * Alert sources (预警信息源): the parties allowed to send CAP alerts, such as the city's 预警信息发布中心.
 * A system administrator registers one and gets its key once; only the key's SHA-256 is stored
 * (keys are long and random). Registering and revoking are audited; a revoked key is refused.
 */
import { LinliError, type AlertSourceCreated, type AlertSourceInput, type AlertSourceView } from '@linli/protocol';
import { randomUUID } from 'node:crypto';
import {
  findAlertSource,
  findAlertSourceByKeyHash,
  insertAlertSource,
  listAlertSources,
  revokeAlertSource,
  type AlertSourceRow,
} from '../db/alert-store';
import type { Database } from '../db/database';
import type { Actor } from './actor';
import type { AuditService } from './audit';
import type { Clock } from './clock';
import { randomToken, sha256 } from './secrets';

/** What a key authenticates. */
export interface AlertSource {
  id: string;
  name: string;
}

export interface AlertSources {
  /** Registers a source (system administrators only); the key is in the reply and nowhere else. */
  create(actor: Actor, input: AlertSourceInput): Promise<AlertSourceCreated>;
  list(actor: Actor): Promise<AlertSourceView[]>;
  /** Revokes a source's key for good (NOT_FOUND for an unknown id; revoking twice changes nothing). */
  revoke(actor: Actor, id: string): Promise<AlertSourceView>;
  /** The source of an `Authorization: Bearer <key>` header, or ALERT_SOURCE_UNKNOWN (401). */
  authenticate(authorization: string | undefined): Promise<AlertSource>;
}

const KEY_PREFIX = 'cap_';

/**
 * The server itself, issuing the manual alerts offices approve (a row of its own, migration 15):
 * it has no key, and is neither listed nor revoked with the sources people register.
 */
export const MANUAL_ALERT_SOURCE: AlertSource = { id: 'manual', name: '人工发布' };

function view(row: AlertSourceRow): AlertSourceView {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.created_at,
    createdBy: row.created_by,
    revokedAt: row.revoked_at,
  };
}

const sourceTarget = (id: string) => ({ type: 'alert-source', id, orgId: null, orgPath: null });

export function createAlertSources(deps: { db: Database; clock: Clock; audit: AuditService }): AlertSources {
  const { db, clock, audit } = deps;
  const onlySystemAdmins = async (actor: Actor, action: string, id: string) => {
    if (actor.role !== 'system-admin')
      await audit.deny(actor, action, sourceTarget(id), 'Only system administrators manage alert sources');
  };
  return {
    async create(actor, input) {
      const id = `src-${randomUUID().slice(0, 13)}`;
      await onlySystemAdmins(actor, 'alert-source.create', id);
      const key = `${KEY_PREFIX}${randomToken(32)}`;
      const name = input.name.trim();
      if (!name)
        throw new LinliError('VALIDATION_FAILED', '/name: must not be blank', [
          { path: '/name', message: 'must not be blank' },
        ]);
      const createdAt = clock().toISOString();
      await db.transaction(async (tx) => {
        await insertAlertSource(tx, { id, name, keyHash: sha256(key), createdAt, createdBy: actor.username });
        await audit.record(tx, actor, 'alert-source.create', sourceTarget(id), { after: { name } });
      });
      return { id, name, createdAt, createdBy: actor.username, revokedAt: null, key };
    },
    async list(actor) {
      await onlySystemAdmins(actor, 'alert-source.list', '*');
      return (await listAlertSources(db)).filter((row) => row.id !== MANUAL_ALERT_SOURCE.id).map(view);
    },
    async revoke(actor, id) {
      await onlySystemAdmins(actor, 'alert-source.revoke', id);
      return db.transaction(async (tx) => {
        const before = await findAlertSource(tx, id);
        if (!before || id === MANUAL_ALERT_SOURCE.id) throw new LinliError('NOT_FOUND', `No alert source '${id}'`);
        if (before.revoked_at) return view(before);
        await revokeAlertSource(tx, id, clock().toISOString());
        const after = (await findAlertSource(tx, id))!;
        await audit.record(tx, actor, 'alert-source.revoke', sourceTarget(id), {
          before: { name: before.name, revokedAt: null },
          after: { name: after.name, revokedAt: after.revoked_at },
        });
        return view(after);
      });
    },
    async authenticate(authorization) {
      const match = /^Bearer\s+(\S{1,200})$/i.exec(authorization ?? '');
      const key = match?.[1];
      const row = key?.startsWith(KEY_PREFIX) ? await findAlertSourceByKeyHash(db, sha256(key)) : undefined;
      if (!row || row.revoked_at) throw new LinliError('ALERT_SOURCE_UNKNOWN');
      return { id: row.id, name: row.name };
    },
  };
}
