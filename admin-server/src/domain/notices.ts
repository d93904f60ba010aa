/**
 * Notices: drafted and edited by operators, approved by a second person, sent to exactly the
 * devices their targets name. Every save is a version (history, rollback); every step is audited.
 */
import {
  LinliError,
  type DeviceNotice,
  type MediaRef,
  type NoticeHistory,
  type NoticeInput,
  type NoticeList,
  type NoticeListQuery,
  type NoticeView,
  type ReviewDecision,
} from '@linli/protocol';
import { randomUUID } from 'node:crypto';
import { appendChange } from '../db/change-log';
import { claimVersion } from '../db/claim-version';
import type { Database, Queryable, Transaction } from '../db/database';
import {
  deleteNotice,
  findNotice,
  insertNotice,
  insertVersion,
  listNotices,
  listVersions,
  noticeView,
  updateNotice,
  type NoticeRow,
} from '../db/notice-store';
import { findOrg, type StoredOrgNode } from '../db/org-store';
import { visibleOrgClause } from '../db/scope';
import type { ChangeHub } from '../push/change-hub';
import { mayRead, scopeOf, scopeOfNode, type Actor } from './actor';
import type { AuditService } from './audit';
import type { Clock } from './clock';
import { editConflict, nextReviewState } from './review-workflow';
import { mustFindOrg } from './org-tree';
import { resolveTargets } from './content-targets';

/** Notices (通知公告): written, reviewed by a second person, published to their audience, withdrawn. */
export interface NoticeService {
  list(actor: Actor, query: NoticeListQuery): Promise<NoticeList>;
  get(actor: Actor, id: string): Promise<NoticeView>;
  create(actor: Actor, input: NoticeInput): Promise<NoticeView>;
  /** Saves a new version over `baseVersion`, the one the edit was made on (else EDIT_CONFLICT). */
  update(actor: Actor, id: string, input: NoticeInput, baseVersion: number): Promise<NoticeView>;
  rollback(actor: Actor, id: string, version: number): Promise<NoticeView>;
  submit(actor: Actor, id: string): Promise<NoticeView>;
  /** Approves or rejects `baseVersion`, the version the reviewer read (else EDIT_CONFLICT). */
  review(actor: Actor, id: string, decision: ReviewDecision, baseVersion: number): Promise<NoticeView>;
  withdraw(actor: Actor, id: string): Promise<NoticeView>;
  history(actor: Actor, id: string): Promise<NoticeHistory>;
  remove(actor: Actor, id: string): Promise<void>;
}

export function createNoticeService(deps: {
  db: Database;
  clock: Clock;
  audit: AuditService;
  hub: ChangeHub;
}): NoticeService {
  const { db, clock, audit, hub } = deps;
  const target = (id: string, node: StoredOrgNode) => ({ type: 'notice', id, orgId: node.id, orgPath: node.path });

  /** The notice and its node, if the actor may read it (their subtree or above); else NOT_FOUND. */
  async function visible(actor: Actor, id: string): Promise<{ row: NoticeRow; node: StoredOrgNode }> {
    const row = await findNotice(db, id);
    const node = row && (await findOrg(db, Number(row.org_id)));
    if (!row || !node || !mayRead(actor, node.path)) throw new LinliError('NOT_FOUND', `No notice '${id}'`);
    return { row, node };
  }

  /** The files a notice names, as devices receive them; each must be in the library within reach of the notice's node. */
  async function attachmentRefs(queryable: Queryable, owner: StoredOrgNode, input: NoticeInput): Promise<MediaRef[]> {
    const wanted = input.attachments ?? [];
    if (wanted.length === 0) return [];
    const visible = visibleOrgClause('i.org_id', scopeOfNode(owner));
    const rows = await queryable.all<{ sha256: string; bytes: number; mime: string }>(
      `SELECT DISTINCT b.sha256, b.bytes, b.mime FROM media_blobs b JOIN media_items i ON i.sha256 = b.sha256 WHERE ${visible.sql} AND b.sha256 IN (${wanted.map(() => '?').join(', ')})`,
      [...visible.params, ...wanted.map((attachment) => attachment.sha256)],
    );
    const missing = wanted.filter((attachment) => !rows.some((row) => row.sha256 === attachment.sha256));
    if (missing.length > 0) {
      throw new LinliError(
        'VALIDATION_FAILED',
        `/attachments: ${missing[0]!.name} is not in the media library`,
        missing.map((attachment) => ({
          path: '/attachments',
          message: `${attachment.name} is not in the media library of ${owner.name}`,
        })),
      );
    }
    return wanted.map((attachment) => {
      const row = rows.find((candidate) => candidate.sha256 === attachment.sha256)!;
      return { sha256: row.sha256, bytes: Number(row.bytes), mime: row.mime, name: attachment.name };
    });
  }

  function checkWindow(input: NoticeInput): void {
    if (input.publishAt && input.expireAt && new Date(input.expireAt) <= new Date(input.publishAt)) {
      throw new LinliError('VALIDATION_FAILED', '/expireAt: must be after the publish time', [
        { path: '/expireAt', message: 'must be after the publish time' },
      ]);
    }
  }

  /** Puts the live version on the feed for its targets, or a tombstone when nothing is live. */
  async function announce(tx: Transaction, row: NoticeRow, node: StoredOrgNode, approvedAt: Date): Promise<number> {
    if (row.live_version === null) return appendChange(tx, { entity: 'notice', id: row.id, op: 'delete' }, clock());
    const live = (await listVersions(tx, row.id)).find((version) => version.version === row.live_version)!;
    const data: DeviceNotice = {
      id: row.id,
      kind: live.kind,
      title: live.title,
      body: live.body,
      version: live.version,
      issuer: node.name,
      publishAt: live.publishAt ?? approvedAt.toISOString(),
      expireAt: live.expireAt,
      attachments: await attachmentRefs(tx, node, live),
    };
    return appendChange(
      tx,
      { entity: 'notice', id: row.id, op: 'upsert', data, targets: await resolveTargets(tx, node, live.targets) },
      clock(),
    );
  }

  /**
   * Inside a write: the notice, locked, if it is still at `base`; a newer version saved meanwhile
   * is EDIT_CONFLICT naming it.
   */
  async function lockAt(tx: Transaction, id: string, base: number): Promise<NoticeRow> {
    if (!(await claimVersion(tx, 'notices', id, base))) {
      const current = await findNotice(tx, id);
      if (!current) throw new LinliError('NOT_FOUND', `No notice with id '${id}'`);
      throw editConflict('notice', id, current.version, base);
    }
    return (await findNotice(tx, id))!;
  }

  /** Saves `input` as the next version of an existing notice (edit, rollback) over `baseVersion`. */
  async function saveVersion(
    actor: Actor,
    id: string,
    input: NoticeInput,
    action: string,
    baseVersion?: number,
  ): Promise<NoticeView> {
    const { row: seen, node } = await visible(actor, id);
    await audit.authorize(actor, 'content.edit', action, target(id, node));
    checkWindow(input);
    await resolveTargets(db, node, input.targets);
    await attachmentRefs(db, node, input);
    const now = clock().toISOString();
    return db.transaction(async (tx) => {
      const row = await lockAt(tx, id, baseVersion ?? seen.version);
      const next: NoticeRow = {
        ...row,
        state: nextReviewState(row.state, 'edit', 'notice'),
        version: row.version + 1,
        editor: actor.username,
        reviewer: null,
        review_comment: null,
        title: input.title,
        updated_at: now,
        data: JSON.stringify(input),
      };
      await updateNotice(tx, next);
      await insertVersion(tx, id, next.version, actor.username, now, next.data);
      await audit.record(tx, actor, action, target(id, node), { before: noticeView(row), after: noticeView(next) });
      return noticeView(next);
    });
  }

  /** A state change with its audit entry, and the feed entry when what is live changes. */
  async function transition(
    actor: Actor,
    id: string,
    action: 'submit' | 'approve' | 'reject' | 'withdraw',
    comment?: string,
    baseVersion?: number,
  ): Promise<NoticeView> {
    const { row: seen, node } = await visible(actor, id);
    await audit.authorize(
      actor,
      action === 'submit' ? 'content.edit' : 'content.review',
      `notice.${action}`,
      target(id, node),
    );
    if (baseVersion !== undefined && seen.version !== baseVersion)
      throw editConflict('notice', id, seen.version, baseVersion);
    // A step the state does not allow is refused first, whoever asks (checked again under the lock).
    nextReviewState(seen.state, action, 'notice');
    // The editor changes only with the version, which the write below holds to `seen`'s.
    if (action === 'approve' && seen.editor === actor.username)
      await audit.deny(
        actor,
        'notice.approve',
        target(id, node),
        'Someone other than the last editor must approve this notice',
        'SECOND_PERSON_REQUIRED',
      );
    const now = clock();
    const { next, seq } = await db.transaction(async (tx) => {
      const row = await lockAt(tx, id, seen.version);
      const next: NoticeRow = {
        ...row,
        state: nextReviewState(row.state, action, 'notice'),
        updated_at: now.toISOString(),
        ...(action === 'approve' && {
          live_version: row.version,
          reviewer: actor.username,
          review_comment: comment ?? null,
        }),
        ...(action === 'reject' && { reviewer: actor.username, review_comment: comment ?? null }),
        ...(action === 'withdraw' && { live_version: null }),
      };
      await updateNotice(tx, next);
      await audit.record(tx, actor, `notice.${action}`, target(id, node), {
        before: noticeView(row),
        after: noticeView(next),
      });
      const changed = next.live_version !== row.live_version || action === 'approve';
      return { next, seq: changed ? await announce(tx, next, node, now) : 0 };
    });
    if (seq > 0) hub.publish(seq);
    return noticeView(next);
  }

  return {
    async list(actor: Actor, query: NoticeListQuery): Promise<NoticeList> {
      await audit.authorize(actor, 'content.view', 'notice.list', target('-', await mustFindOrg(db, actor.orgId)));
      const subtreePath = query.orgId === undefined ? undefined : (await mustFindOrg(db, query.orgId)).path;
      const { rows, total } = await listNotices(db, scopeOf(actor), {
        ...query,
        q: query.q?.trim() || undefined,
        subtreePath,
      });
      return { notices: rows.map(noticeView), total };
    },
    async get(actor: Actor, id: string): Promise<NoticeView> {
      return noticeView((await visible(actor, id)).row);
    },
    async create(actor: Actor, input: NoticeInput): Promise<NoticeView> {
      const node = await mustFindOrg(db, actor.orgId);
      const id = `n-${randomUUID().slice(0, 13)}`;
      await audit.authorize(actor, 'content.edit', 'notice.create', target(id, node));
      checkWindow(input);
      await resolveTargets(db, node, input.targets);
      await attachmentRefs(db, node, input);
      const now = clock().toISOString();
      const row: NoticeRow = {
        id,
        org_id: node.id,
        state: 'draft',
        version: 1,
        live_version: null,
        author: actor.username,
        editor: actor.username,
        reviewer: null,
        review_comment: null,
        title: input.title,
        updated_at: now,
        data: JSON.stringify(input),
      };
      await db.transaction(async (tx) => {
        await insertNotice(tx, row);
        await insertVersion(tx, id, 1, actor.username, now, row.data);
        await audit.record(tx, actor, 'notice.create', target(id, node), { after: noticeView(row) });
      });
      return noticeView(row);
    },
    update: (actor: Actor, id: string, input: NoticeInput, baseVersion: number) =>
      saveVersion(actor, id, input, 'notice.update', baseVersion),
    async rollback(actor: Actor, id: string, version: number): Promise<NoticeView> {
      await visible(actor, id);
      const old = (await listVersions(db, id)).find((candidate) => candidate.version === version);
      if (!old) throw new LinliError('NOT_FOUND', `Notice '${id}' has no version ${version}`);
      const { version: _v, savedAt: _a, savedBy: _b, ...input } = old;
      return saveVersion(actor, id, input, 'notice.rollback');
    },
    submit: (actor: Actor, id: string) => transition(actor, id, 'submit'),
    review: (actor: Actor, id: string, decision: ReviewDecision, baseVersion: number) =>
      transition(actor, id, decision.approve ? 'approve' : 'reject', decision.comment, baseVersion),
    withdraw: (actor: Actor, id: string) => transition(actor, id, 'withdraw'),
    async history(actor: Actor, id: string): Promise<NoticeHistory> {
      await visible(actor, id);
      return { versions: await listVersions(db, id) };
    },
    async remove(actor: Actor, id: string): Promise<void> {
      const { row, node } = await visible(actor, id);
      await audit.authorize(
        actor,
        row.live_version === null ? 'content.edit' : 'content.review',
        'notice.delete',
        target(id, node),
      );
      const seq = await db.transaction(async (tx) => {
        // The trail keeps every version, so a deleted notice can still be read back.
        const history = await listVersions(tx, id);
        await deleteNotice(tx, id);
        await audit.record(tx, actor, 'notice.delete', target(id, node), { before: { ...noticeView(row), history } });
        return row.live_version === null ? 0 : appendChange(tx, { entity: 'notice', id, op: 'delete' }, clock());
      });
      if (seq > 0) hub.publish(seq);
    },
  };
}
