/**
 * Guide rules: versions, the review workflow, and the change each step puts on the sync feed.
 * Every save is a new version; devices see only the live (approved) version, so a draft edit of a
 * published guide changes nothing on kiosks until it is published. Withdrawing or deleting sends
 * a tombstone. A guide is placed at an org node: editors see their subtree's guides and those
 * placed above them (read-only), and change only their subtree's. Every step is audited.
 */
import { GuideFile, LinliError, can, parseWith, validationErrors, type Guide, type GuideCategory, type GuideHistory, type GuideInput, type GuideView, type ImportReply, type ReviewDecision, type ReviewState } from '@linli/protocol';
import { GUIDE_CATEGORIES, GUIDE_FILE_FORMAT, GuideInput as GuideInputSchema } from '@linli/protocol';
import type { Database, Transaction } from '../db/database';
import { appendChange, type ChangeRecord } from '../db/change-log';
import { deleteGuideRow, findGuide, guideOrg, guideView, insertGuideVersion, listGuides, listGuideVersions, saveGuideRow, type GuideRow } from '../db/guide-store';
import type { ChangeHub } from '../push/change-hub';
import { inScope, mayRead, scopeOf, type Actor } from './actor';
import type { AuditService } from './audit';
import type { Clock } from './clock';
import { nextReviewState } from './review-workflow';

export interface GuideService {
  list(actor: Actor, filter: { category?: GuideCategory; published?: boolean; state?: ReviewState; text?: string }): Promise<GuideView[]>;
  get(actor: Actor, id: string): Promise<GuideView>;
  create(actor: Actor, input: GuideInput): Promise<GuideView>;
  update(actor: Actor, id: string, input: GuideInput): Promise<GuideView>;
  setPublished(actor: Actor, id: string, published: boolean): Promise<GuideView>;
  submit(actor: Actor, id: string): Promise<GuideView>;
  review(actor: Actor, id: string, decision: ReviewDecision): Promise<GuideView>;
  history(actor: Actor, id: string): Promise<GuideHistory>;
  rollback(actor: Actor, id: string, version: number): Promise<GuideView>;
  remove(actor: Actor, id: string): Promise<void>;
  importFile(actor: Actor, file: unknown): Promise<ImportReply>;
  exportFile(actor: Actor): Promise<GuideFile>;
}

/**
 * What a save asks for: keep a draft, send it for review, publish it now (reviewers), or take the
 * live version off devices (an import entry marked unpublished).
 */
type SaveIntent = 'draft' | 'submit' | 'publish' | 'unpublish';

type GuideOrg = { id: number; path: string };

/** The editable part of a guide in a fixed key order, so comparisons and exports are stable. */
export function toInput(guide: GuideInput): GuideInput {
  const { id, category, title, summary, audience, materials, steps, office, fees, timeLimit, legalBasis, forms, keywords, aliases, published } = guide;
  return { id, category, title, summary, audience, materials, steps, office, fees, timeLimit, legalBasis, forms, keywords, aliases, published };
}

/** True when an import entry says nothing new about a stored guide. */
function unchangedBy(row: GuideRow, input: GuideInput): boolean {
  const stored = guideView(row);
  const live = input.published ? row.state === 'approved' : row.live_version === null;
  return live && JSON.stringify({ ...toInput(stored), published: input.published }) === JSON.stringify(toInput(input));
}

export function createGuideService(deps: { db: Database; hub: ChangeHub; clock: Clock; audit: AuditService }): GuideService {
  const { db, hub, clock, audit } = deps;
  const target = (id: string, org: GuideOrg) => ({ type: 'guide', id, orgId: org.id, orgPath: org.path });
  const ownNode = (actor: Actor): GuideOrg => ({ id: actor.orgId, path: actor.orgPath });
  /** Editors without the right to publish send their work for review instead. */
  const wantedIntent = (actor: Actor, input: GuideInput): SaveIntent => (!input.published ? 'draft' : can(actor.role, 'content.review') ? 'publish' : 'submit');

  /** Stores `input` as the next version, with its audit entry and, when what is live changes, its feed entry. */
  async function saveVersion(tx: Transaction, actor: Actor, action: string, input: GuideInput, previous: GuideRow | undefined, org: GuideOrg, intent: SaveIntent): Promise<{ view: GuideView; seq: number }> {
    const version = Number(previous?.version ?? 0) + 1;
    const edited = previous ? nextReviewState(previous.state, 'edit', 'guide') : 'draft';
    const state: ReviewState = { draft: edited, submit: 'in-review', publish: 'approved', unpublish: 'withdrawn' }[intent] as ReviewState;
    const liveVersion = intent === 'publish' ? version : intent === 'unpublish' ? null : (previous?.live_version ?? null);
    const row: GuideRow = {
      id: input.id, org_id: org.id, category: input.category, title: input.title, state, version, live_version: liveVersion,
      editor: actor.username, reviewer: intent === 'publish' ? actor.username : null, review_comment: null,
      updated_at: clock().toISOString(), data: JSON.stringify(toInput(input)),
    };
    await saveGuideRow(tx, row);
    await insertGuideVersion(tx, row);
    await audit.record(tx, actor, action, target(row.id, org), { before: previous ? guideView(previous) : null, after: guideView(row) });
    const change = feedChangeFor(row, previous);
    return { view: guideView(row), seq: change ? await appendChange(tx, change, clock()) : 0 };
  }

  /** The guide, if the actor may read it (their subtree or above); another subtree's answers like a missing one. */
  async function visible(actor: Actor, id: string): Promise<{ row: GuideRow; org: GuideOrg }> {
    const org = await guideOrg(db, id);
    const row = org && mayRead(actor, org.path) ? await findGuide(db, id) : undefined;
    if (!org || !row) throw new LinliError('NOT_FOUND', `No guide with id '${id}'`);
    return { row, org };
  }

  /** A review step with its audit entry, and the feed entry when what is live changes. */
  async function transition(actor: Actor, id: string, action: 'submit' | 'approve' | 'publish' | 'reject' | 'withdraw', comment?: string): Promise<GuideView> {
    const { row, org } = await visible(actor, id);
    await audit.authorize(actor, action === 'submit' ? 'content.edit' : 'content.review', `guide.${action}`, target(id, org));
    const next: GuideRow = {
      ...row, state: nextReviewState(row.state, action, 'guide'), updated_at: clock().toISOString(),
      ...((action === 'approve' || action === 'publish') && { live_version: row.version, reviewer: actor.username, review_comment: comment ?? null }),
      ...(action === 'reject' && { reviewer: actor.username, review_comment: comment ?? null }),
      ...(action === 'withdraw' && { live_version: null }),
    };
    const seq = await db.transaction(async (tx) => {
      await saveGuideRow(tx, next);
      await audit.record(tx, actor, `guide.${action}`, target(id, org), { before: guideView(row), after: guideView(next) });
      const change = feedChangeFor(next, row);
      return change ? appendChange(tx, change, clock()) : 0;
    });
    announce(seq);
    return guideView(next);
  }

  function announce(seq: number): void {
    if (seq > 0) hub.publish(seq);
  }

  return {
    async list(actor, filter) {
      await audit.authorize(actor, 'content.view', 'guide.list', target('-', ownNode(actor)));
      // Category order is the kiosk's tile order, so editors see guides as residents do.
      const order = (guide: GuideView) => GUIDE_CATEGORIES.indexOf(guide.category);
      return (await listGuides(db, { ...filter, scope: scopeOf(actor) })).map(guideView).sort((a, b) => order(a) - order(b) || a.id.localeCompare(b.id));
    },
    async get(actor, id) {
      return guideView((await visible(actor, id)).row);
    },
    async create(actor, input) {
      await audit.authorize(actor, 'content.edit', 'guide.create', target(input.id, ownNode(actor)));
      const result = await db.transaction(async (tx) => {
        if (await findGuide(tx, input.id)) throw new LinliError('ALREADY_EXISTS', `A guide with id '${input.id}' already exists`);
        return saveVersion(tx, actor, 'guide.create', input, undefined, ownNode(actor), wantedIntent(actor, input));
      });
      announce(result.seq);
      return result.view;
    },
    async update(actor, id, input) {
      if (input.id !== id) throw new LinliError('ID_MISMATCH', `The body's id '${input.id}' differs from '${id}'`, [{ path: '/id', message: 'must equal the id in the path' }]);
      const { org } = await visible(actor, id);
      await audit.authorize(actor, 'content.edit', 'guide.update', target(id, org));
      const result = await db.transaction(async (tx) => saveVersion(tx, actor, 'guide.update', input, (await findGuide(tx, id))!, org, wantedIntent(actor, input)));
      announce(result.seq);
      return result.view;
    },
    async setPublished(actor, id, published) {
      const { row } = await visible(actor, id);
      const alreadyThere = published ? row.state === 'approved' : row.live_version === null;
      if (alreadyThere) return guideView(row);
      return transition(actor, id, published ? 'publish' : 'withdraw');
    },
    submit: (actor, id) => transition(actor, id, 'submit'),
    review: (actor, id, decision) => transition(actor, id, decision.approve ? 'approve' : 'reject', decision.comment),
    async history(actor, id) {
      await visible(actor, id);
      return { versions: await listGuideVersions(db, id) };
    },
    async rollback(actor, id, version) {
      const { org } = await visible(actor, id);
      await audit.authorize(actor, 'content.edit', 'guide.rollback', target(id, org));
      const old = (await listGuideVersions(db, id)).find((candidate) => candidate.version === version);
      if (!old) throw new LinliError('NOT_FOUND', `Guide '${id}' has no version ${version}`);
      const { version: _version, savedAt: _savedAt, savedBy: _savedBy, ...input } = old;
      const result = await db.transaction(async (tx) => saveVersion(tx, actor, 'guide.rollback', input, (await findGuide(tx, id))!, org, 'draft'));
      return result.view;
    },
    async remove(actor, id) {
      const { row, org } = await visible(actor, id);
      await audit.authorize(actor, row.live_version === null ? 'content.edit' : 'content.review', 'guide.delete', target(id, org));
      const seq = await db.transaction(async (tx) => {
        // The trail keeps every version, so a deleted guide can still be read back.
        const history = await listGuideVersions(tx, id);
        await deleteGuideRow(tx, id);
        await audit.record(tx, actor, 'guide.delete', target(id, org), { before: { ...guideView(row), history } });
        return row.live_version === null ? 0 : appendChange(tx, { entity: 'guide', id, op: 'delete' }, clock());
      });
      announce(seq);
    },
    async importFile(actor, file) {
      const parsed = parseImportFile(file);
      await audit.authorize(actor, 'content.review', 'guide.import', target('-', ownNode(actor)));
      for (const input of parsed.guides) {
        const org = await guideOrg(db, input.id);
        if (org && !inScope(actor, org.path)) await audit.deny(actor, 'guide.import', target(input.id, org), `Guide '${input.id}' belongs to another organisation; nothing was imported`);
      }
      let latest = 0;
      const counts = await db.transaction(async (tx) => {
        const reply: ImportReply = { created: 0, updated: 0, unchanged: 0 };
        for (const input of parsed.guides) {
          const previous = await findGuide(tx, input.id);
          if (previous && unchangedBy(previous, input)) {
            reply.unchanged++;
            continue;
          }
          // The file is the truth: published entries go live, unpublished ones come off devices.
          const intent: SaveIntent = input.published ? 'publish' : previous?.live_version != null ? 'unpublish' : 'draft';
          const org = previous ? (await guideOrg(tx, input.id))! : ownNode(actor);
          const { seq } = await saveVersion(tx, actor, 'guide.import', input, previous, org, intent);
          latest = Math.max(latest, seq);
          if (previous) reply.updated++;
          else reply.created++;
        }
        return reply;
      });
      announce(latest);
      return counts;
    },
    async exportFile(actor) {
      await audit.authorize(actor, 'content.view', 'guide.export', target('-', ownNode(actor)));
      const guides = await listGuides(db, { scope: scopeOf(actor) });
      return { format: GUIDE_FILE_FORMAT, formatVersion: 1, guides: guides.map((row) => toInput(guideView(row))) };
    },
  };
}

/**
 * What devices must hear after a step: the live version when it changed, a tombstone when
 * nothing is live any more, nothing while drafts come and go behind a live version.
 */
export function feedChangeFor(row: GuideRow, previous: GuideRow | undefined): ChangeRecord | undefined {
  const live = row.live_version === null ? null : Number(row.live_version);
  const before = previous?.live_version == null ? null : Number(previous.live_version);
  if (live === before) return undefined;
  if (live === null) return { entity: 'guide', id: row.id, op: 'delete' };
  const guide: Guide = { ...toInput(JSON.parse(row.data) as GuideInput), published: true, version: live, updatedAt: row.updated_at };
  return { entity: 'guide', id: row.id, op: 'upsert', data: guide };
}

/**
 * Checks a whole import file before anything is written. Errors name the entry (index and id)
 * and the field, e.g. `/guides/12 (shebao-card-loss)/materials/0/name: must not have fewer than 1 characters`.
 */
export function parseImportFile(file: unknown): GuideFile {
  const envelope = { ...(file as object) } as Record<string, unknown>;
  const guides = envelope.guides;
  const headerErrors = validationErrors(GuideFile, { ...envelope, guides: [] });
  if (headerErrors.length > 0 || !Array.isArray(guides)) {
    const details = headerErrors.length > 0 ? headerErrors : [{ path: '/guides', message: 'must be an array' }];
    throw new LinliError('IMPORT_INVALID', `Not a Linli guide file: ${details[0]!.path} ${details[0]!.message}`, details);
  }
  const details = guides.flatMap((entry: unknown, index: number) => {
    const id = typeof (entry as { id?: unknown })?.id === 'string' ? ` (${(entry as { id: string }).id})` : '';
    return validationErrors(GuideInputSchema, entry, `/guides/${index}${id}`);
  });
  const seen = new Map<string, number>();
  guides.forEach((entry: { id?: unknown }, index: number) => {
    if (typeof entry?.id !== 'string') return;
    const first = seen.get(entry.id);
    if (first !== undefined) details.push({ path: `/guides/${index} (${entry.id})/id`, message: `duplicates entry ${first}` });
    else seen.set(entry.id, index);
  });
  if (details.length > 0) {
    throw new LinliError('IMPORT_INVALID', `${details.length} problem(s) in the import file, first: ${details[0]!.path}: ${details[0]!.message}`, details);
  }
  return parseWith(GuideFile, file, 'IMPORT_INVALID');
}
