/**
 * Signage publications on top of reviewed content, built like notices: the server names them, a
 * second person approves every version, and the live version goes to the players its targets
 * name (the feed sends signage to players only), signed with the current signage key. The
 * schedule is checked as the player checks it (parseSignageSchedule's rules), and every file a
 * playlist plays must be in the media library within reach of the publication's node, of the
 * item's type; every hall a calling display shows must be within reach of it too.
 */
import {
  LinliError,
  MEDIA_TYPES,
  signageScheduleErrors,
  type ErrorDetail,
  type MediaMime,
  type MediaRef,
  type SignageHistory,
  type SignageInput,
  type SignageList,
  type SignageListQuery,
  type SignagePublication,
  type SignageSchedule,
  type SignageView,
  type SignedSignage,
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
import { signedOnApproval, type SignageKeys } from './signage-keys';

/** Signage publications (信息屏节目): written, approved by a second person, played by their players, withdrawn. */
export interface SignageService extends ReviewSteps<SignageInput, SignageView, SignageHistory> {
  /** A page of the publications the actor may read, newest change first, and how many there are in all. */
  list(actor: Actor, query: SignageListQuery): Promise<SignageList>;
}

/** A signed payload stays under the envelope's limit (SignedSignage.payload) with room for the envelope. */
const MAX_SCHEDULE_CHARS = 1_900_000;

/** One playlist item that plays a file from the media library, and where it sits in the input. */
export interface MediaUse {
  path: string;
  itemId: string;
  kind: 'image' | 'video' | 'pdf';
  media: MediaRef;
}

/** Every item of the schedule that plays a file (pure). */
export function mediaUses(schedule: SignageSchedule): MediaUse[] {
  return schedule.layouts.flatMap((layout, layoutIndex) =>
    layout.zones.flatMap((zone, zoneIndex) =>
      zone.playlist.flatMap((item, itemIndex) =>
        item.kind === 'image' || item.kind === 'video' || item.kind === 'pdf'
          ? [
              {
                path: `/schedule/layouts/${layoutIndex}/zones/${zoneIndex}/playlist/${itemIndex}/media`,
                itemId: item.id,
                kind: item.kind,
                media: item.media,
              },
            ]
          : [],
      ),
    ),
  );
}

/** A file of the library as stored: its size and type are the library's, whatever the input says. */
export interface LibraryFile {
  sha256: string;
  bytes: number;
  mime: string;
}

/** What is wrong with the files the items name (pure): missing from the library, or of another type than the item plays. */
export function mediaProblems(uses: MediaUse[], library: LibraryFile[], owner: string): ErrorDetail[] {
  return uses.flatMap((use) => {
    const file = library.find((candidate) => candidate.sha256 === use.media.sha256);
    if (!file)
      return [
        { path: use.path, message: `item "${use.itemId}": ${use.media.name} is not in the media library of ${owner}` },
      ];
    return MEDIA_TYPES[file.mime as MediaMime]?.kind === use.kind
      ? []
      : [
          {
            path: use.path,
            message: `item "${use.itemId}" is a ${use.kind} item but ${use.media.name} is ${file.mime}`,
          },
        ];
  });
}

/** A file reference as the library has it (pure): players check size and hash against these. */
export function libraryMedia(media: MediaRef, library: LibraryFile[]): MediaRef {
  const file = library.find((candidate) => candidate.sha256 === media.sha256);
  return file ? { sha256: file.sha256, bytes: Number(file.bytes), mime: file.mime, name: media.name } : media;
}

/** The schedule with every file reference as the library has it (pure). */
export function withLibraryMedia(schedule: SignageSchedule, library: LibraryFile[]): SignageSchedule {
  const stored = (media: MediaRef) => libraryMedia(media, library);
  return {
    ...schedule,
    layouts: schedule.layouts.map((layout) => ({
      ...layout,
      zones: layout.zones.map((zone) => ({
        ...zone,
        playlist: zone.playlist.map((item) =>
          item.kind === 'image' || item.kind === 'video' || item.kind === 'pdf'
            ? { ...item, media: stored(item.media) }
            : item,
        ),
      })),
    })),
  };
}

/** The schedule's files as players receive them; any missing or of the wrong type is VALIDATION_FAILED naming the item. */
async function scheduleWithMedia(queryable: Queryable, org: ContentOrg, schedule: SignageSchedule) {
  const uses = mediaUses(schedule);
  if (uses.length === 0) return schedule;
  const wanted = [...new Set(uses.map((use) => use.media.sha256))];
  const visible = visibleOrgClause('i.org_id', scopeOfNode(org));
  const library = await queryable.all<LibraryFile & { [column: string]: unknown }>(
    `SELECT DISTINCT b.sha256, b.bytes, b.mime FROM media_blobs b JOIN media_items i ON i.sha256 = b.sha256 WHERE ${visible.sql} AND b.sha256 IN (${wanted.map(() => '?').join(', ')})`,
    [...visible.params, ...wanted],
  );
  const owner = (await findOrg(queryable, org.id))?.name ?? 'this organisation';
  const problems = mediaProblems(uses, library, owner);
  if (problems.length > 0)
    throw new LinliError('VALIDATION_FAILED', `${problems[0]!.path}: ${problems[0]!.message}`, problems);
  return withLibraryMedia(schedule, library);
}

/** One playlist item that shows a service hall's calls, and where its hall sits in the input. */
export interface HallUse {
  path: string;
  itemId: string;
  hallId: number;
}

/** Every `queue-calls` item of the schedule (pure). */
export function hallUses(schedule: SignageSchedule): HallUse[] {
  return schedule.layouts.flatMap((layout, layoutIndex) =>
    layout.zones.flatMap((zone, zoneIndex) =>
      zone.playlist.flatMap((item, itemIndex) =>
        item.kind === 'queue-calls'
          ? [
              {
                path: `/schedule/layouts/${layoutIndex}/zones/${zoneIndex}/playlist/${itemIndex}/hallId`,
                itemId: item.id,
                hallId: item.hallId,
              },
            ]
          : [],
      ),
    ),
  );
}

/**
 * Halls the calling displays show must be within reach of the publication's node (in its subtree
 * or above it), as its media must: VALIDATION_FAILED naming each item whose hall is not.
 */
async function checkHalls(queryable: Queryable, org: ContentOrg, schedule: SignageSchedule): Promise<void> {
  const uses = hallUses(schedule);
  if (uses.length === 0) return;
  const wanted = [...new Set(uses.map((use) => use.hallId))];
  const visible = visibleOrgClause('org_id', scopeOfNode(org));
  const found = await queryable.all<{ id: number }>(
    `SELECT id FROM queue_halls WHERE ${visible.sql} AND id IN (${wanted.map(() => '?').join(', ')})`,
    [...visible.params, ...wanted],
  );
  const reachable = new Set(found.map((hall) => Number(hall.id)));
  const owner = (await findOrg(queryable, org.id))?.name ?? 'this organisation';
  const problems = uses
    .filter((use) => !reachable.has(use.hallId))
    .map((use) => ({
      path: use.path,
      message: `item "${use.itemId}": no service hall ${use.hallId} within reach of ${owner}`,
    }));
  if (problems.length > 0)
    throw new LinliError('VALIDATION_FAILED', `${problems[0]!.path}: ${problems[0]!.message}`, problems);
}

/** The input in a fixed key order, so stored versions compare stably. */
function normalise(input: SignageInput): SignageInput {
  const { title, schedule, targets } = input;
  return { title, schedule, targets };
}

function signageType(keys: SignageKeys): ContentType<SignageInput, SignageView> {
  return {
    kind: 'signage',
    newId: () => `s-${randomUUID().slice(0, 13)}`,
    secondPersonApproves: true,
    normalise,
    // One screen has one orientation, the default layout's: the category editors would sort by.
    category: (input) =>
      input.schedule.layouts.find((layout) => layout.id === input.schedule.defaultLayoutId)?.orientation ?? '',
    title: (input) => input.title,
    view: (input, row) => ({ id: row.id, orgId: Number(row.org_id), ...reviewFields(row), ...normalise(input) }),
    async check(queryable, input, org) {
      const problems = signageScheduleErrors(input.schedule).map((problem) => ({
        ...problem,
        path: `/schedule${problem.path}`,
      }));
      if (problems.length === 0 && JSON.stringify(input.schedule).length > MAX_SCHEDULE_CHARS)
        problems.push({ path: '/schedule', message: 'is too large to send to players: split it into publications' });
      if (problems.length > 0)
        throw new LinliError('VALIDATION_FAILED', `${problems[0]!.path}: ${problems[0]!.message}`, problems);
      await scheduleWithMedia(queryable, org, input.schedule);
      await checkHalls(queryable, org, input.schedule);
    },
    async deviceData(queryable, input, row, org): Promise<SignedSignage> {
      const publication: SignagePublication = {
        id: row.id,
        version: Number(row.live_version),
        title: input.title,
        // The live version changes only by a review step, which stamps the row: the moment it went live.
        publishedAt: row.updated_at,
        schedule: await scheduleWithMedia(queryable, org, input.schedule),
      };
      // The exact text signed is the text sent: players check the signature before they parse it.
      const payload = JSON.stringify(publication);
      return { id: row.id, version: publication.version, payload, ...(await keys.signBundle(queryable, payload)) };
    },
    targets: (queryable, input, org) => resolveTargets(queryable, org, input.targets),
  };
}

export function createSignageService(deps: {
  db: Database;
  hub: ChangeHub;
  clock: Clock;
  audit: AuditService;
  signageKeys: SignageKeys;
}): SignageService {
  const content = createReviewedContent(deps, signageType(deps.signageKeys));
  return {
    ...signedOnApproval(content.steps, deps.signageKeys),
    async list(actor, { state, q, orgId, offset = 0, limit = 50 }) {
      const filter = { state, text: q?.trim() || undefined, subtreeOf: orgId };
      const { items, total } = await content.list(actor, filter, { offset, limit });
      return { publications: items, total };
    },
  };
}
