/**
 * Notices on top of reviewed content: the server names them, a second person approves every
 * version, the publish window must make sense, attached files must be in the media library within
 * reach of the notice's node, and the live version goes to exactly the devices its targets name.
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
} from '@linli/protocol';
import { randomUUID } from 'node:crypto';
import { reviewFields } from '../db/content-store';
import type { Database, Queryable } from '../db/database';
import { findOrg } from '../db/org-store';
import { visibleOrgClause } from '../db/scope';
import type { ChangeHub } from '../push/change-hub';
import { scopeOfNode, type Actor } from './actor';
import type { AuditService } from './audit';
import type { Clock } from './clock';
import { resolveTargets } from './content-targets';
import { createReviewedContent, type ContentOrg, type ContentType, type ReviewSteps } from './reviewed-content';

/** Notices (通知公告): written, approved by a second person, published to their audience, withdrawn. */
export interface NoticeService extends ReviewSteps<NoticeInput, NoticeView, NoticeHistory> {
  /** A page of the notices the actor may read, newest change first, and how many there are in all. */
  list(actor: Actor, query: NoticeListQuery): Promise<NoticeList>;
}

/** The files a notice names, as devices receive them; each must be in the library within reach of the notice's node. */
async function attachmentRefs(queryable: Queryable, org: ContentOrg, input: NoticeInput): Promise<MediaRef[]> {
  const wanted = input.attachments ?? [];
  if (wanted.length === 0) return [];
  const visible = visibleOrgClause('i.org_id', scopeOfNode(org));
  const rows = await queryable.all<{ sha256: string; bytes: number; mime: string }>(
    `SELECT DISTINCT b.sha256, b.bytes, b.mime FROM media_blobs b JOIN media_items i ON i.sha256 = b.sha256 WHERE ${visible.sql} AND b.sha256 IN (${wanted.map(() => '?').join(', ')})`,
    [...visible.params, ...wanted.map((attachment) => attachment.sha256)],
  );
  const missing = wanted.filter((attachment) => !rows.some((row) => row.sha256 === attachment.sha256));
  if (missing.length > 0) {
    const owner = await findOrg(queryable, org.id);
    throw new LinliError(
      'VALIDATION_FAILED',
      `/attachments: ${missing[0]!.name} is not in the media library`,
      missing.map((attachment) => ({
        path: '/attachments',
        message: `${attachment.name} is not in the media library of ${owner?.name ?? 'this organisation'}`,
      })),
    );
  }
  return wanted.map((attachment) => {
    const row = rows.find((candidate) => candidate.sha256 === attachment.sha256)!;
    return { sha256: row.sha256, bytes: Number(row.bytes), mime: row.mime, name: attachment.name };
  });
}

/** The input in a fixed key order, so stored versions compare stably. */
function normalise(input: NoticeInput): NoticeInput {
  const { kind, title, body, publishAt, expireAt, targets, attachments } = input;
  return { kind, title, body, publishAt, expireAt, targets, ...(attachments && { attachments }) };
}

const noticeType: ContentType<NoticeInput, NoticeView> = {
  kind: 'notice',
  newId: () => `n-${randomUUID().slice(0, 13)}`,
  secondPersonApproves: true,
  normalise,
  category: (input) => input.kind,
  title: (input) => input.title,
  view: (input, row) => ({ id: row.id, orgId: Number(row.org_id), ...reviewFields(row), ...normalise(input) }),
  async check(queryable, input, org) {
    if (input.publishAt && input.expireAt && new Date(input.expireAt) <= new Date(input.publishAt))
      throw new LinliError('VALIDATION_FAILED', '/expireAt: must be after the publish time', [
        { path: '/expireAt', message: 'must be after the publish time' },
      ]);
    await attachmentRefs(queryable, org, input);
  },
  async deviceData(queryable, input, row, org): Promise<DeviceNotice> {
    return {
      id: row.id,
      kind: input.kind,
      title: input.title,
      body: input.body,
      version: Number(row.live_version),
      issuer: (await findOrg(queryable, org.id))?.name ?? '',
      // The live version changes only by a review step, which stamps the row: "as soon as approved".
      publishAt: input.publishAt ?? row.updated_at,
      expireAt: input.expireAt,
      attachments: await attachmentRefs(queryable, org, input),
    };
  },
  targets: (queryable, input, org) => resolveTargets(queryable, org, input.targets),
};

export function createNoticeService(deps: {
  db: Database;
  hub: ChangeHub;
  clock: Clock;
  audit: AuditService;
}): NoticeService {
  const content = createReviewedContent(deps, noticeType);
  return {
    ...content.steps,
    async list(actor, { state, kind, q, orgId, offset = 0, limit = 50 }) {
      const filter = { state, category: kind, text: q?.trim() || undefined, subtreeOf: orgId };
      const { items, total } = await content.list(actor, filter, { offset, limit });
      return { notices: items, total };
    },
  };
}
