/**
 * Guide rules: versions, publish state, and the change each edit puts on the sync feed.
 * Devices only ever see published guides: unpublishing or deleting sends a tombstone.
 * A guide is placed at an org node: editors see their subtree's guides and those placed above
 * them (read-only), and change only their subtree's. Every change is audited.
 */
import { GuideFile, LinliError, parseWith, validationErrors, type Guide, type GuideCategory, type GuideInput, type ImportReply } from '@linli/protocol';
import { GUIDE_CATEGORIES, GUIDE_FILE_FORMAT, GuideInput as GuideInputSchema } from '@linli/protocol';
import type { Database, Queryable, Transaction } from '../db/database';
import { appendChange, type ChangeRecord } from '../db/change-log';
import { deleteGuideRow, findGuide, guideOrg, listGuides, saveGuide } from '../db/guide-store';
import type { ChangeHub } from '../push/change-hub';
import { inScope, mayRead, scopeOf, type Actor } from './actor';
import type { AuditService } from './audit';
import type { Clock } from './clock';

export interface GuideService {
  list(actor: Actor, filter: { category?: GuideCategory; published?: boolean; text?: string }): Promise<Guide[]>;
  get(actor: Actor, id: string): Promise<Guide>;
  create(actor: Actor, input: GuideInput): Promise<Guide>;
  update(actor: Actor, id: string, input: GuideInput): Promise<Guide>;
  setPublished(actor: Actor, id: string, published: boolean): Promise<Guide>;
  remove(actor: Actor, id: string): Promise<void>;
  importFile(actor: Actor, file: unknown): Promise<ImportReply>;
  exportFile(actor: Actor): Promise<GuideFile>;
}


function sameContent(a: GuideInput, b: GuideInput): boolean {
  return JSON.stringify(toInput(a)) === JSON.stringify(toInput(b));
}

/** The editable part of a guide in a fixed key order, so comparisons and exports are stable. */
export function toInput(guide: GuideInput): GuideInput {
  const { id, category, title, summary, audience, materials, steps, office, fees, timeLimit, legalBasis, forms, keywords, aliases, published } = guide;
  return { id, category, title, summary, audience, materials, steps, office, fees, timeLimit, legalBasis, forms, keywords, aliases, published };
}

export function createGuideService(deps: { db: Database; hub: ChangeHub; clock: Clock; audit: AuditService }): GuideService {
  const { db, hub, clock, audit } = deps;
  const target = (id: string, org: { id: number; path: string }) => ({ type: 'guide', id, orgId: org.id, orgPath: org.path });
  const ownNode = (actor: Actor) => ({ id: actor.orgId, path: actor.orgPath });

  /** Stores a new state of the guide, its feed entry and its audit entry; returns the feed's new seq. */
  async function write(tx: Transaction, actor: Actor, action: string, input: GuideInput, previous: Guide | undefined, org: { id: number; path: string }): Promise<{ guide: Guide; seq: number }> {
    const now = clock();
    const guide: Guide = { ...toInput(input), version: (previous?.version ?? 0) + 1, updatedAt: now.toISOString() };
    await saveGuide(tx, guide, org.id);
    await audit.record(tx, actor, action, target(guide.id, org), { before: previous ?? null, after: guide });
    const change = feedChangeFor(guide, previous);
    return { guide, seq: change ? await appendChange(tx, change, now) : 0 };
  }

  /** The guide's node after checking the actor may change guides there. */
  async function authorizeChange(actor: Actor, id: string, action: string): Promise<{ id: number; path: string }> {
    const org = await guideOrg(db, id);
    if (!org) throw new LinliError('NOT_FOUND', `No guide with id '${id}'`);
    await audit.authorize(actor, action === 'guide.publish' ? 'content.review' : 'content.edit', action, target(id, org));
    return org;
  }

  function announce(seq: number): void {
    if (seq > 0) hub.publish(seq);
  }

  async function mustFind(queryable: Queryable, id: string): Promise<Guide> {
    const guide = await findGuide(queryable, id);
    if (!guide) throw new LinliError('NOT_FOUND', `No guide with id '${id}'`);
    return guide;
  }

  return {
    async list(actor, filter) {
      await audit.authorize(actor, 'content.view', 'guide.list', target('-', ownNode(actor)));
      // Category order is the kiosk's tile order, so editors see guides as residents do.
      const order = (guide: Guide) => GUIDE_CATEGORIES.indexOf(guide.category);
      return (await listGuides(db, { ...filter, scope: scopeOf(actor) })).sort((a, b) => order(a) - order(b) || a.id.localeCompare(b.id));
    },
    async get(actor, id) {
      const org = await guideOrg(db, id);
      // Another subtree's guide answers like a missing one, so ids do not reveal what others hold.
      if (!org || !mayRead(actor, org.path)) throw new LinliError('NOT_FOUND', `No guide with id '${id}'`);
      return mustFind(db, id);
    },
    async create(actor, input) {
      await audit.authorize(actor, input.published ? 'content.review' : 'content.edit', 'guide.create', target(input.id, ownNode(actor)));
      const result = await db.transaction(async (tx) => {
        if (await findGuide(tx, input.id)) throw new LinliError('ALREADY_EXISTS', `A guide with id '${input.id}' already exists`);
        return write(tx, actor, 'guide.create', input, undefined, ownNode(actor));
      });
      announce(result.seq);
      return result.guide;
    },
    async update(actor, id, input) {
      if (input.id !== id) throw new LinliError('ID_MISMATCH', `The body's id '${input.id}' differs from '${id}'`, [{ path: '/id', message: 'must equal the id in the path' }]);
      const org = await authorizeChange(actor, id, 'guide.update');
      const result = await db.transaction(async (tx) => write(tx, actor, 'guide.update', input, await mustFind(tx, id), org));
      announce(result.seq);
      return result.guide;
    },
    async setPublished(actor, id, published) {
      const org = await authorizeChange(actor, id, 'guide.publish');
      const result = await db.transaction(async (tx) => {
        const previous = await mustFind(tx, id);
        if (previous.published === published) return { guide: previous, seq: 0 };
        return write(tx, actor, published ? 'guide.publish' : 'guide.unpublish', { ...previous, published }, previous, org);
      });
      announce(result.seq);
      return result.guide;
    },
    async remove(actor, id) {
      const org = await authorizeChange(actor, id, 'guide.delete');
      const seq = await db.transaction(async (tx) => {
        const previous = await mustFind(tx, id);
        await deleteGuideRow(tx, id);
        await audit.record(tx, actor, 'guide.delete', target(id, org), { before: previous });
        return previous.published ? appendChange(tx, { entity: 'guide', id, op: 'delete' }, clock()) : 0;
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
          if (previous && sameContent(previous, input)) {
            reply.unchanged++;
            continue;
          }
          const org = previous ? (await guideOrg(tx, input.id))! : ownNode(actor);
          const { seq } = await write(tx, actor, 'guide.import', input, previous, org);
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
      return { format: GUIDE_FILE_FORMAT, formatVersion: 1, guides: guides.map(toInput) };
    },
  };
}

/**
 * What devices must hear about a new state of a guide: the guide itself while published, a
 * tombstone when it stops being published, nothing while it stays a draft.
 */
export function feedChangeFor(guide: Guide, previous: Guide | undefined): ChangeRecord | undefined {
  if (guide.published) return { entity: 'guide', id: guide.id, op: 'upsert', data: guide };
  if (previous?.published) return { entity: 'guide', id: guide.id, op: 'delete' };
  return undefined;
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
