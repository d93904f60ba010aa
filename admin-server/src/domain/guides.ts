/**
 * Guide rules on top of reviewed content: the all-or-nothing import file, which is the truth for what it names (published entries go live,
 * unpublished ones come off kiosks). A guide goes to the nodes and device groups it names, or to
 * the kiosks of its node's subtree (every kiosk, for a guide placed at the top).
 */
import {
  GUIDE_ALIASES_MAX,
  GuideFile,
  LinliError,
  parseWith,
  validationErrors,
  type Guide,
  type GuideCategory,
  type GuideHistory,
  type GuideInput,
  type GuideView,
  type ImportReply,
  type ReviewState,
} from '@linli/protocol';
import { GUIDE_FILE_FORMAT, GuideInput as GuideInputSchema } from '@linli/protocol';
import { reviewFields, type ContentRow } from '../db/content-store';
import type { Database } from '../db/database';
import type { ChangeHub } from '../push/change-hub';
import { inScope, scopeOf, type Actor } from './actor';
import type { AuditService } from './audit';
import type { Clock } from './clock';
import { resolveTargets } from './content-targets';
import { freeGuideId, guideIdOfTitle } from './guide-id';
import { createReviewedContent, type ContentType, type ReviewSteps, type SaveIntent } from './reviewed-content';

export interface GuideService extends ReviewSteps<GuideInput, GuideView, GuideHistory> {
  list(
    actor: Actor,
    filter: { category?: GuideCategory; published?: boolean; state?: ReviewState; text?: string },
    page?: { offset: number; limit: number },
  ): Promise<{ items: GuideView[]; total: number }>;
  importFile(actor: Actor, file: unknown): Promise<ImportReply>;
  exportFile(actor: Actor): Promise<GuideFile>;
  /** A published guide as anyone may read it (the page a kiosk's printed QR code opens); undefined otherwise. */
  published(id: string): Promise<Guide | undefined>;
  /** An id no guide has yet, spelt from the title (guide-id.ts); '' when the title spells nothing. */
  suggestId(title: string): Promise<string>;
  /**
   * Adds the words residents searched for as an alias (from 搜索无结果): an edit of the guide's
   * latest version like any other — published at once for reviewers, sent for review otherwise.
   */
  addAlias(actor: Actor, id: string, alias: string): Promise<GuideView>;
}

/** The editable part of a guide in a fixed key order, so comparisons and exports are stable. */
export function toInput(guide: GuideInput): GuideInput {
  const {
    id,
    category,
    title,
    summary,
    audience,
    materials,
    steps,
    office,
    fees,
    timeLimit,
    legalBasis,
    forms,
    keywords,
    aliases,
    published,
    targets,
  } = guide;
  return {
    id,
    category,
    title,
    summary,
    audience,
    materials,
    steps,
    office,
    fees,
    timeLimit,
    legalBasis,
    forms,
    keywords,
    aliases,
    published,
    ...(targets && { targets }),
  };
}

const guideType: ContentType<GuideInput, GuideView> = {
  kind: 'guide',
  newId: (input) => input.id,
  secondPersonApproves: false,
  normalise: toInput,
  category: (input) => input.category,
  title: (input) => input.title,
  view: (input, row) => ({ ...input, ...reviewFields(row) }),
  async deviceData(_queryable, input, row): Promise<Guide> {
    // Where it goes is the server's business; kiosks get the guide alone.
    const { targets: _targets, ...guide } = toInput(input);
    return { ...guide, published: true, version: Number(row.live_version), updatedAt: row.updated_at };
  },
  targets: (queryable, input, org) => resolveTargets(queryable, org, input.targets),
};

/** True when an import entry says nothing new about a stored guide. */
function unchangedBy(row: ContentRow, input: GuideInput): boolean {
  const live = input.published ? row.state === 'approved' : row.live_version === null;
  return (
    live &&
    JSON.stringify({ ...toInput(JSON.parse(row.data) as GuideInput), published: input.published }) ===
      JSON.stringify(toInput(input))
  );
}

export function createGuideService(deps: {
  db: Database;
  hub: ChangeHub;
  clock: Clock;
  audit: AuditService;
}): GuideService {
  const { db, audit } = deps;
  const content = createReviewedContent(deps, guideType);
  const { store, target, ownNode } = content;

  return {
    list: content.list,
    ...content.steps,
    published: async (id) => (await content.live(id)) as Guide | undefined,
    // Ids are one key space for every organisation: a guide elsewhere in the tree takes its id too.
    suggestId: (title) => freeGuideId(guideIdOfTitle(title), async (id) => (await store.find(db, id)) !== undefined),
    async importFile(actor, file) {
      const parsed = parseImportFile(file);
      await audit.authorize(actor, 'content.review', 'guide.import', target('-', ownNode(actor)));
      for (const input of parsed.guides) {
        const org = await store.org(db, input.id);
        if (org && !inScope(actor, org.path))
          await audit.deny(
            actor,
            'guide.import',
            target(input.id, org),
            `Guide '${input.id}' belongs to another organisation; nothing was imported`,
          );
      }
      let latest = 0;
      const counts = await db.transaction(async (tx) => {
        const reply: ImportReply = { created: 0, updated: 0, unchanged: 0 };
        for (const input of parsed.guides) {
          const previous = await store.find(tx, input.id);
          if (previous && unchangedBy(previous, input)) {
            reply.unchanged++;
            continue;
          }
          const intent: SaveIntent = input.published
            ? 'publish'
            : previous?.live_version != null
              ? 'unpublish'
              : 'draft';
          const org = previous ? (await store.org(tx, input.id))! : ownNode(actor);
          const { seq } = await content.saveVersion(tx, actor, {
            action: 'guide.import',
            id: input.id,
            input,
            previous,
            org,
            intent,
          });
          latest = Math.max(latest, seq);
          if (previous) reply.updated++;
          else reply.created++;
        }
        return reply;
      });
      content.announce(latest);
      return counts;
    },
    async addAlias(actor, id, alias) {
      // A change: a guide of another street is refused on the trail, not only unseen.
      const org = await store.org(db, id);
      if (!org) throw new LinliError('NOT_FOUND', `No guide '${id}'`);
      await audit.authorizeChange(actor, 'content.edit', 'guide.alias', target(id, org));
      const guide = await content.steps.get(actor, id);
      const words = alias.replace(/\s+/g, ' ').trim();
      if (guide.aliases.includes(words)) return guide;
      if (guide.aliases.length >= GUIDE_ALIASES_MAX)
        throw new LinliError('VALIDATION_FAILED', `A guide has at most ${GUIDE_ALIASES_MAX} aliases`, [
          { path: '/alias', message: `at most ${GUIDE_ALIASES_MAX} aliases` },
        ]);
      return content.steps.update(actor, id, { ...toInput(guide), aliases: [...guide.aliases, words] }, guide.version);
    },
    async exportFile(actor) {
      await audit.authorize(actor, 'content.view', 'guide.export', target('-', ownNode(actor)));
      const rows = await store.list(db, { scope: scopeOf(actor) });
      return { format: GUIDE_FILE_FORMAT, formatVersion: 1, guides: rows.map((row) => toInput(content.viewOf(row))) };
    },
  };
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
    throw new LinliError(
      'IMPORT_INVALID',
      `Not a Linli guide file: ${details[0]!.path} ${details[0]!.message}`,
      details,
    );
  }
  const details = guides.flatMap((entry: unknown, index: number) => {
    const id = typeof (entry as { id?: unknown })?.id === 'string' ? ` (${(entry as { id: string }).id})` : '';
    return validationErrors(GuideInputSchema, entry, `/guides/${index}${id}`);
  });
  const seen = new Map<string, number>();
  guides.forEach((entry: { id?: unknown }, index: number) => {
    if (typeof entry?.id !== 'string') return;
    const first = seen.get(entry.id);
    if (first !== undefined)
      details.push({ path: `/guides/${index} (${entry.id})/id`, message: `duplicates entry ${first}` });
    else seen.set(entry.id, index);
  });
  if (details.length > 0) {
    throw new LinliError(
      'IMPORT_INVALID',
      `${details.length} problem(s) in the import file, first: ${details[0]!.path}: ${details[0]!.message}`,
      details,
    );
  }
  return parseWith(GuideFile, file, 'IMPORT_INVALID');
}
