/**
 * TV channels (电视频道) on top of reviewed content, built like signage: the server names them, a
 * second person approves every version, and the live version goes to the set-top boxes its
 * targets name (players only), signed with the signage key in the channel's own context. A
 * channel's number is unique on the server (one line-up per district); every file it plays must
 * be in the media library within reach of its node and of the item's type, every notice within
 * reach, every guide published. Guides travel as spotlights (boxes are not sent guides): their
 * name and a few lines, taken when the version goes live.
 */
import {
  LinliError,
  parseWith,
  tvChannelErrors,
  TvChannelSchedule,
  type ErrorDetail,
  type GuideInput,
  type SignedTvChannel,
  type TvChannelHistory,
  type TvChannelInput,
  type TvChannelList,
  type TvChannelListQuery,
  type TvChannelView,
  type TvGuideSpotlight,
  type TvItem,
} from '@linli/protocol';
import { randomUUID } from 'node:crypto';
import { currentUpserts } from '../db/change-log';
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
import { libraryMedia, mediaProblems, type LibraryFile, type MediaUse } from './signage';
import { signedOnApproval, type SignageKeys } from './signage-keys';

/** A live channel as the line-up, the programme guide and the stream read it, with where it is placed. */
export interface LiveTvChannel {
  schedule: TvChannelSchedule;
  orgPath: string;
}

/** TV channels: written, approved by a second person, shown by boxes, listed in the line-up. */
export interface TvChannelService extends ReviewSteps<TvChannelInput, TvChannelView, TvChannelHistory> {
  /** A page of the channels the actor may read, by number, and how many there are in all. */
  list(actor: Actor, query: TvChannelListQuery): Promise<TvChannelList>;
  /** Every live channel, by number: what boxes were sent (the signed payload), with its node's path. */
  live(): Promise<LiveTvChannel[]>;
}

/** Where each item of a channel sits in the input: the programmes' items, then the filler. */
function itemsWithPaths(input: TvChannelInput): { path: string; item: TvItem }[] {
  return [
    ...input.programmes.flatMap((programme, programmeIndex) =>
      programme.items.map((item, itemIndex) => ({ path: `/programmes/${programmeIndex}/items/${itemIndex}`, item })),
    ),
    ...input.filler.map((item, index) => ({ path: `/filler/${index}`, item })),
  ];
}

/** Every item that plays a file from the media library (pure). */
export function channelMediaUses(input: TvChannelInput): MediaUse[] {
  return itemsWithPaths(input).flatMap(({ path, item }) =>
    item.kind === 'video' || item.kind === 'image'
      ? [{ path: `${path}/media`, itemId: item.id, kind: item.kind, media: item.media }]
      : [],
  );
}

const mapItems = (input: TvChannelInput, map: (item: TvItem) => TvItem): TvChannelInput => ({
  ...input,
  programmes: input.programmes.map((programme) => ({ ...programme, items: programme.items.map(map) })),
  filler: input.filler.map(map),
});

async function libraryFiles(queryable: Queryable, org: ContentOrg, uses: MediaUse[]): Promise<LibraryFile[]> {
  if (uses.length === 0) return [];
  const wanted = [...new Set(uses.map((use) => use.media.sha256))];
  const visible = visibleOrgClause('i.org_id', scopeOfNode(org));
  return queryable.all<LibraryFile & { [column: string]: unknown }>(
    `SELECT DISTINCT b.sha256, b.bytes, b.mime FROM media_blobs b JOIN media_items i ON i.sha256 = b.sha256 WHERE ${visible.sql} AND b.sha256 IN (${wanted.map(() => '?').join(', ')})`,
    [...visible.params, ...wanted],
  );
}

/** The channel's files as boxes receive them (sizes and types the library's). */
async function withMedia(queryable: Queryable, org: ContentOrg, input: TvChannelInput): Promise<TvChannelInput> {
  const library = await libraryFiles(queryable, org, channelMediaUses(input));
  return mapItems(input, (item) =>
    item.kind === 'video' || item.kind === 'image' ? { ...item, media: libraryMedia(item.media, library) } : item,
  );
}

/** Guides' live versions by id (those published). */
async function liveGuides(queryable: Queryable, ids: string[]): Promise<Map<string, GuideInput>> {
  if (ids.length === 0) return new Map();
  const rows = await queryable.all<{ id: string; data: string }>(
    `SELECT g.id, v.data FROM guides g JOIN guide_versions v ON v.guide_id = g.id AND v.version = g.live_version WHERE g.id IN (${ids.map(() => '?').join(', ')})`,
    ids,
  );
  return new Map(rows.map((row) => [row.id, JSON.parse(row.data) as GuideInput]));
}

const clip = (text: string, length = 200) => (text.length > length ? `${text.slice(0, length - 1)}…` : text);

/** A guide's spotlight on TV (pure): what it is for, what to bring, where and when to go. */
export function guideSpotlight(id: string, guide: GuideInput): TvGuideSpotlight {
  const required = guide.materials.filter((material) => material.required).map((material) => material.name);
  const lines = [
    guide.summary ? clip(guide.summary) : '',
    required.length > 0 ? clip(`需带材料：${required.join('、')}`) : '',
    clip(`办理地点：${guide.office.name}（${guide.office.address}）`),
    clip(`办公时间：${guide.office.hours}`),
    guide.office.phone ? clip(`咨询电话：${guide.office.phone}`) : '',
  ].filter((line) => line !== '');
  return { guideId: id, title: guide.title, lines };
}

const guideIdsOf = (input: TvChannelInput) => [
  ...new Set(itemsWithPaths(input).flatMap(({ item }) => (item.kind === 'guide' ? [item.guideId] : []))),
];

/** What the schema cannot check: the number free, files, notices and guides there. */
async function contentProblems(
  queryable: Queryable,
  input: TvChannelInput,
  org: ContentOrg,
  id: string,
): Promise<ErrorDetail[]> {
  const problems: ErrorDetail[] = [];
  const others = await queryable.all<{ id: string; title: string; category: string }>(
    'SELECT id, title, category FROM tv_channels WHERE id <> ?',
    [id],
  );
  const taken = others.find((other) => Number(other.category) === input.number);
  if (taken) problems.push({ path: '/number', message: `channel ${input.number} is already 「${taken.title}」` });
  const uses = channelMediaUses(input);
  const owner = (await findOrg(queryable, org.id))?.name ?? 'this organisation';
  problems.push(...mediaProblems(uses, await libraryFiles(queryable, org, uses), owner));
  const noticeItems = itemsWithPaths(input).filter(({ item }) => item.kind === 'notice');
  if (noticeItems.length > 0) {
    const ids = [...new Set(noticeItems.map(({ item }) => (item as { noticeId: string }).noticeId))];
    const visible = visibleOrgClause('org_id', scopeOfNode(org));
    const found = new Set(
      (
        await queryable.all<{ id: string }>(
          `SELECT id FROM notices WHERE ${visible.sql} AND id IN (${ids.map(() => '?').join(', ')})`,
          [...visible.params, ...ids],
        )
      ).map((row) => row.id),
    );
    for (const { path, item } of noticeItems) {
      const noticeId = (item as { noticeId: string }).noticeId;
      if (!found.has(noticeId))
        problems.push({ path: `${path}/noticeId`, message: `no notice "${noticeId}" within reach of ${owner}` });
    }
  }
  const guides = await liveGuides(queryable, guideIdsOf(input));
  for (const { path, item } of itemsWithPaths(input))
    if (item.kind === 'guide' && !guides.has(item.guideId))
      problems.push({ path: `${path}/guideId`, message: `no published guide "${item.guideId}"` });
  return problems;
}

/** The input in a fixed key order, so stored versions compare stably. */
function normalise(input: TvChannelInput): TvChannelInput {
  const { number, name, group, timeZone, programmes, filler, targets } = input;
  return {
    number,
    name,
    ...(group ? { group } : {}),
    public: input.public,
    timeZone,
    programmes,
    filler,
    targets,
  };
}

function channelType(keys: SignageKeys): ContentType<TvChannelInput, TvChannelView> {
  return {
    kind: 'tv-channel',
    newId: () => `tv-${randomUUID().slice(0, 13)}`,
    secondPersonApproves: true,
    normalise,
    // The number, zero-padded: the list sorts by it.
    category: (input) => String(input.number).padStart(3, '0'),
    title: (input) => input.name,
    view: (input, row) => ({ id: row.id, orgId: Number(row.org_id), ...reviewFields(row), ...normalise(input) }),
    async check(queryable, input, org, id) {
      const problems = tvChannelErrors(input);
      if (problems.length === 0) problems.push(...(await contentProblems(queryable, input, org, id)));
      if (problems.length > 0)
        throw new LinliError('VALIDATION_FAILED', `${problems[0]!.path}: ${problems[0]!.message}`, problems);
    },
    async deviceData(queryable, input, row, org): Promise<SignedTvChannel> {
      const { targets: _targets, ...fields } = await withMedia(queryable, org, normalise(input));
      const guides = await liveGuides(queryable, guideIdsOf(input));
      const schedule: TvChannelSchedule = {
        id: row.id,
        version: Number(row.live_version),
        ...fields,
        spotlights: [...guides].map(([id, guide]) => guideSpotlight(id, guide)),
      };
      // The exact text signed is the text sent: boxes check the signature before they parse it.
      const payload = JSON.stringify(schedule);
      return {
        id: row.id,
        version: schedule.version,
        payload,
        ...(await keys.signBundle(queryable, payload, 'channel')),
      };
    },
    targets: (queryable, input, org) => resolveTargets(queryable, org, input.targets),
  };
}

export function createTvChannelService(deps: {
  db: Database;
  hub: ChangeHub;
  clock: Clock;
  audit: AuditService;
  signageKeys: SignageKeys;
}): TvChannelService {
  const content = createReviewedContent(deps, channelType(deps.signageKeys));
  return {
    ...signedOnApproval(content.steps, deps.signageKeys),
    async list(actor, { state, q, orgId, offset = 0, limit = 50 }) {
      const filter = { state, text: q?.trim() || undefined, subtreeOf: orgId };
      const { items, total } = await content.list(actor, filter, { offset, limit });
      return { channels: items, total };
    },
    async live() {
      const places = new Map(
        (
          await deps.db.all<{ id: string; path: string }>(
            'SELECT c.id, o.path FROM tv_channels c JOIN org_nodes o ON o.id = c.org_id',
          )
        ).map((row) => [row.id, row.path]),
      );
      const channels = (await currentUpserts(deps.db, 'tv-channel')).flatMap((entry) => {
        const orgPath = places.get(entry.change.id);
        const signed = (entry.change as { data: SignedTvChannel }).data;
        return orgPath === undefined
          ? []
          : [{ schedule: parseWith(TvChannelSchedule, JSON.parse(signed.payload)), orgPath }];
      });
      return channels.sort((a, b) => a.schedule.number - b.schedule.number);
    },
  };
}
