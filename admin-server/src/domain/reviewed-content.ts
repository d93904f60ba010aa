/**
 * Content that goes through review with saved versions — guides, printable forms and notices.
 * Every save is a new version; devices see only the live (approved) version, so a draft edit of a
 * published item changes nothing on devices until it is published. Withdrawing or deleting sends
 * a tombstone. An item is placed at an org node: editors see their subtree's items and those
 * placed above them (read-only), and change only their subtree's. Every step is audited. A type
 * may ask for a second person: then nobody publishes their own work, and the last editor never
 * approves it (notices).
 */
import { LinliError, can, type Permission, type ReviewDecision, type ReviewState } from '@linli/protocol';
import type { ChangeRecord } from '../db/change-log';
import { appendChange } from '../db/change-log';
import {
  contentStore,
  type ContentFilter,
  type ContentKind,
  type ContentPage,
  type ContentRow,
  type ContentStore,
} from '../db/content-store';
import type { Database, Queryable, Transaction } from '../db/database';
import type { ChangeHub } from '../push/change-hub';
import { mayRead, scopeOf, type Actor } from './actor';
import type { AuditRecord, AuditService } from './audit';
import type { Clock } from './clock';
import { editConflict, nextReviewState, type ReviewAction } from './review-workflow';
import type { TargetKey } from './targeting';

export type ContentOrg = { id: number; path: string };

/** What one kind of content brings: its shape, its checks and what devices receive. */
export interface ContentType<Input extends ContentInput, View> {
  kind: ContentKind;
  /** The id of a new item: the one its input names, or one the server makes up. */
  newId(input: Input): string;
  /**
   * Someone other than the last editor approves every version, and nobody publishes directly;
   * otherwise users who may review publish their own work at once.
   */
  secondPersonApproves: boolean;
  /** The input in a fixed key order, so stored versions compare and export stably. */
  normalise(input: Input): Input;
  category(input: Input): string;
  title(input: Input): string;
  view(input: Input, row: ContentRow): View;
  /** Checks the schema cannot make (e.g. that a named file is in the media library); throws a coded error. `id`: the item's. */
  check?(queryable: Queryable, input: Input, org: ContentOrg, id: string): Promise<void>;
  /** The live version as devices receive it. */
  deviceData(queryable: Queryable, input: Input, row: ContentRow, org: ContentOrg): Promise<unknown>;
  /** Which devices receive it (checked on every save); none given means every device. */
  targets?(queryable: Queryable, input: Input, org: ContentOrg): Promise<TargetKey[]>;
}

/** What the core reads of an input: the id, when the input names one, and whether it asks to go live. */
export type ContentInput = { id?: string; published?: boolean; [field: string]: unknown };

/**
 * What a save asks for: keep a draft, send it for review, publish it now (reviewers), or take the
 * live version off devices (an import entry marked unpublished).
 */
export type SaveIntent = 'draft' | 'submit' | 'publish' | 'unpublish';

/** What every reviewed content type's service offers: read, save, the review steps, history, rollback, delete. */
export interface ReviewSteps<Input, View, History = { versions: Versioned<Input>[] }> {
  get(actor: Actor, id: string): Promise<View>;
  create(actor: Actor, input: Input): Promise<View>;
  /** Saves a new version over `baseVersion`, the one the edit was made on (else EDIT_CONFLICT). */
  update(actor: Actor, id: string, input: Input, baseVersion: number): Promise<View>;
  setPublished(actor: Actor, id: string, published: boolean): Promise<View>;
  submit(actor: Actor, id: string): Promise<View>;
  /** Approves or rejects `baseVersion`, the version the reviewer read (else EDIT_CONFLICT). */
  review(actor: Actor, id: string, decision: ReviewDecision, baseVersion: number): Promise<View>;
  history(actor: Actor, id: string): Promise<History>;
  rollback(actor: Actor, id: string, version: number): Promise<View>;
  remove(actor: Actor, id: string): Promise<void>;
}

/** A saved version: who saved it and when, with the content as it was. */
export type Versioned<Input> = { version: number; savedAt: string; savedBy: string } & Input;

/** One version to save: of item `id`, new when there is no `previous` row, placed at `org`. */
export interface VersionSave<Input> {
  action: string;
  id: string;
  input: Input;
  previous: ContentRow | undefined;
  org: ContentOrg;
  intent: SaveIntent;
}

/** What the core offers a content type's service: the list, the review steps, and what bulk imports need. */
export interface ReviewedContent<Input, View> {
  /** A page of what the actor may read, in the kiosk's category order, and how many there are in all. */
  list(actor: Actor, filter: ContentFilter, page?: ContentPage): Promise<{ items: View[]; total: number }>;
  steps: ReviewSteps<Input, View>;
  /** The stored rows, for imports and exports that read many at once. */
  store: ContentStore;
  /** The audit target of an item placed at `org`. */
  target(id: string, org: ContentOrg): AuditRecord['target'] & { orgPath: string };
  /** Where new items of this actor are placed. */
  ownNode(actor: Actor): ContentOrg;
  viewOf(row: ContentRow): View;
  /** Saves one version inside the caller's transaction (an import writes many in one). */
  saveVersion(tx: Transaction, actor: Actor, save: VersionSave<Input>): Promise<{ view: View; seq: number }>;
  /** Tells waiting devices that the feed reached `seq`, once the caller's transaction committed. */
  announce(seq: number): void;
  /** The live version as devices receive it, or undefined when nothing of the item is live. */
  live(id: string): Promise<unknown>;
}

export function createReviewedContent<Input extends ContentInput, View>(
  deps: { db: Database; hub: ChangeHub; clock: Clock; audit: AuditService },
  type: ContentType<Input, View>,
): ReviewedContent<Input, View> {
  const { db, hub, clock, audit } = deps;
  const { kind } = type;
  const store = contentStore(kind);
  const target = (id: string, org: ContentOrg) => ({ type: kind, id, orgId: org.id, orgPath: org.path });
  const ownNode = (actor: Actor): ContentOrg => ({ id: actor.orgId, path: actor.orgPath });
  const parse = (row: ContentRow) => JSON.parse(row.data) as Input;
  const viewOf = (row: ContentRow) => type.view(parse(row), row);
  const notFound = (id: string) => new LinliError('NOT_FOUND', `No ${kind} with id '${id}'`);

  /** Editors without the right to publish send their work for review instead, as does everyone where a second person approves. */
  const wantedIntent = (actor: Actor, input: Input): SaveIntent =>
    !input.published ? 'draft' : can(actor.role, 'content.review') && !type.secondPersonApproves ? 'publish' : 'submit';

  /**
   * What devices must hear after a step: the live version when it changed, a tombstone when
   * nothing is live any more, nothing while drafts come and go behind a live version.
   */
  async function feedChange(
    queryable: Queryable,
    row: ContentRow,
    previous: ContentRow | undefined,
    org: ContentOrg,
  ): Promise<ChangeRecord | undefined> {
    const live = row.live_version === null ? null : Number(row.live_version);
    const before = previous?.live_version == null ? null : Number(previous.live_version);
    if (live === before) return undefined;
    if (live === null) return { entity: kind, id: row.id, op: 'delete' };
    const input = parse(row);
    return {
      entity: kind,
      id: row.id,
      op: 'upsert',
      data: await type.deviceData(queryable, input, row, org),
      ...(type.targets && { targets: await type.targets(queryable, input, org) }),
    };
  }

  async function record(
    tx: Transaction,
    row: ContentRow,
    previous: ContentRow | undefined,
    org: ContentOrg,
  ): Promise<number> {
    const change = await feedChange(tx, row, previous, org);
    return change ? appendChange(tx, change, clock()) : 0;
  }

  function announce(seq: number): void {
    if (seq > 0) hub.publish(seq);
  }

  async function located(id: string): Promise<{ row: ContentRow; org: ContentOrg } | undefined> {
    const org = await store.org(db, id);
    const row = org ? await store.find(db, id) : undefined;
    return org && row ? { row, org } : undefined;
  }

  async function existing(id: string): Promise<{ row: ContentRow; org: ContentOrg }> {
    const found = await located(id);
    if (!found) throw notFound(id);
    return found;
  }

  /** The item, if the actor may read it (their subtree or above); another subtree's answers like a missing one. */
  async function visible(actor: Actor, id: string): Promise<{ row: ContentRow; org: ContentOrg }> {
    const found = await existing(id);
    if (!mayRead(actor, found.org.path)) throw notFound(id);
    return found;
  }

  /**
   * The item, if the actor may make this change: another subtree's answers like a missing one but
   * the attempt is audited; one they may read but not change is refused (audited) as usual.
   */
  async function changeable(
    actor: Actor,
    id: string,
    action: string,
    permission: Permission | ((row: ContentRow) => Permission),
  ): Promise<{ row: ContentRow; org: ContentOrg }> {
    const found = await existing(id);
    const needed = typeof permission === 'function' ? permission(found.row) : permission;
    await audit.authorizeChange(actor, needed, `${kind}.${action}`, target(id, found.org));
    return found;
  }

  /** Stores `input` as the next version, with its audit entry and, when what is live changes, its feed entry. */
  async function saveVersion(
    tx: Transaction,
    actor: Actor,
    { action, id, input, previous, org, intent }: VersionSave<Input>,
  ): Promise<{ view: View; seq: number }> {
    if (intent === 'publish' && type.secondPersonApproves)
      throw new LinliError('SECOND_PERSON_REQUIRED', `A ${kind} goes live only once someone else approves it`);
    await type.check?.(tx, input, org, id);
    await type.targets?.(tx, input, org);
    const version = Number(previous?.version ?? 0) + 1;
    const edited = previous ? nextReviewState(previous.state, 'edit', kind) : 'draft';
    const states: Record<SaveIntent, ReviewState> = {
      draft: edited,
      submit: 'in-review',
      publish: 'approved',
      unpublish: 'withdrawn',
    };
    const row: ContentRow = {
      id,
      org_id: org.id,
      category: type.category(input),
      title: type.title(input),
      state: states[intent],
      version,
      live_version: intent === 'publish' ? version : intent === 'unpublish' ? null : (previous?.live_version ?? null),
      author: previous?.author ?? actor.username,
      editor: actor.username,
      reviewer: intent === 'publish' ? actor.username : null,
      review_comment: null,
      updated_at: clock().toISOString(),
      data: JSON.stringify(type.normalise(input)),
    };
    await store.save(tx, row);
    await store.insertVersion(tx, row);
    await audit.record(tx, actor, action, target(row.id, org), {
      before: previous ? viewOf(previous) : null,
      after: viewOf(row),
    });
    return { view: viewOf(row), seq: await record(tx, row, previous, org) };
  }

  /**
   * Inside a write: the item, locked, if it is still at `baseVersion` (or, when the caller names
   * none, at the version just read); a newer version saved meanwhile is EDIT_CONFLICT naming it.
   */
  async function lockAt(tx: Transaction, id: string, baseVersion?: number): Promise<ContentRow> {
    const seen = await store.find(tx, id);
    if (!seen) throw notFound(id);
    const base = baseVersion ?? Number(seen.version);
    if (!(await store.claim(tx, id, base)))
      throw editConflict(kind, id, Number((await store.find(tx, id))?.version ?? seen.version), base);
    return (await store.find(tx, id))!;
  }

  /**
   * Where a second person approves: nobody publishes directly, and the last editor does not
   * approve. The denial is audited.
   */
  async function requireSecondPerson(actor: Actor, action: ReviewAction, row: ContentRow, org: ContentOrg) {
    if (!type.secondPersonApproves) return;
    if (action === 'publish')
      await audit.deny(
        actor,
        `${kind}.publish`,
        target(row.id, org),
        `A ${kind} goes live only once someone else approves it: submit it for review`,
        'SECOND_PERSON_REQUIRED',
      );
    if (action === 'approve' && row.editor === actor.username)
      await audit.deny(
        actor,
        `${kind}.approve`,
        target(row.id, org),
        `Someone other than the last editor must approve this ${kind}`,
        'SECOND_PERSON_REQUIRED',
      );
  }

  /** A review step with its audit entry, and the feed entry when what is live changes. */
  async function transition(
    actor: Actor,
    id: string,
    action: Exclude<ReviewAction, 'edit'>,
    comment?: string,
    baseVersion?: number,
  ): Promise<View> {
    const { row: seen, org } = await changeable(
      actor,
      id,
      action,
      action === 'submit' ? 'content.edit' : 'content.review',
    );
    const seenVersion = Number(seen.version);
    if (baseVersion !== undefined && seenVersion !== baseVersion)
      throw editConflict(kind, id, seenVersion, baseVersion);
    // A step the state does not allow is refused first, whoever asks (checked again under the lock).
    nextReviewState(seen.state, action, kind);
    // The editor changes only with the version, which the write below holds to `seen`'s.
    await requireSecondPerson(actor, action, seen, org);
    const { view, seq } = await db.transaction(async (tx) => {
      const row = await lockAt(tx, id, seenVersion);
      const next = nextRow(row, actor, action, comment);
      await store.save(tx, next);
      await audit.record(tx, actor, `${kind}.${action}`, target(id, org), { before: viewOf(row), after: viewOf(next) });
      return { view: viewOf(next), seq: await record(tx, next, row, org) };
    });
    announce(seq);
    return view;
  }

  /** The row after a review step. */
  function nextRow(
    row: ContentRow,
    actor: Actor,
    action: Exclude<ReviewAction, 'edit'>,
    comment: string | undefined,
  ): ContentRow {
    return {
      ...row,
      state: nextReviewState(row.state, action, kind),
      updated_at: clock().toISOString(),
      ...((action === 'approve' || action === 'publish') && {
        live_version: row.version,
        reviewer: actor.username,
        review_comment: comment ?? null,
      }),
      ...(action === 'reject' && { reviewer: actor.username, review_comment: comment ?? null }),
      ...(action === 'withdraw' && { live_version: null }),
    };
  }

  return {
    store,
    target,
    ownNode,
    viewOf,
    saveVersion,
    announce,
    async live(id: string): Promise<unknown> {
      const found = await located(id);
      if (!found || found.row.live_version === null) return undefined;
      const data = await store.version(db, id, Number(found.row.live_version));
      return data && type.deviceData(db, JSON.parse(data) as Input, found.row, found.org);
    },
    /** A page of what the actor may read, in the kiosk's category order, and how many there are in all. */
    async list(
      actor: Actor,
      filter: ContentFilter,
      page: ContentPage = { offset: 0, limit: 50 },
    ): Promise<{ items: View[]; total: number }> {
      await audit.authorize(actor, 'content.view', `${kind}.list`, target('-', ownNode(actor)));
      const scoped = { ...filter, scope: scopeOf(actor) };
      const [rows, total] = await Promise.all([store.list(db, scoped, page), store.count(db, scoped)]);
      return { items: rows.map(viewOf), total };
    },
    steps: {
      async get(actor: Actor, id: string): Promise<View> {
        return viewOf((await visible(actor, id)).row);
      },
      async create(actor: Actor, input: Input): Promise<View> {
        const id = type.newId(input);
        const org = ownNode(actor);
        await audit.authorize(actor, 'content.edit', `${kind}.create`, target(id, org));
        const result = await db.transaction(async (tx) => {
          if (await store.find(tx, id))
            throw new LinliError('ALREADY_EXISTS', `A ${kind} with id '${id}' already exists`);
          const intent = wantedIntent(actor, input);
          return saveVersion(tx, actor, { action: `${kind}.create`, id, input, previous: undefined, org, intent });
        });
        announce(result.seq);
        return result.view;
      },
      async update(actor: Actor, id: string, input: Input, baseVersion: number): Promise<View> {
        if (input.id !== undefined && input.id !== id)
          throw new LinliError('ID_MISMATCH', `The body's id '${input.id}' differs from '${id}'`, [
            { path: '/id', message: 'must equal the id in the path' },
          ]);
        const { org } = await changeable(actor, id, 'update', 'content.edit');
        const result = await db.transaction(async (tx) =>
          saveVersion(tx, actor, {
            action: `${kind}.update`,
            id,
            input,
            previous: await lockAt(tx, id, baseVersion),
            org,
            intent: wantedIntent(actor, input),
          }),
        );
        announce(result.seq);
        return result.view;
      },
      async setPublished(actor: Actor, id: string, published: boolean): Promise<View> {
        const { row } = await changeable(actor, id, published ? 'publish' : 'withdraw', 'content.review');
        const alreadyThere = published ? row.state === 'approved' : row.live_version === null;
        if (alreadyThere) return viewOf(row);
        return transition(actor, id, published ? 'publish' : 'withdraw');
      },
      submit: (actor: Actor, id: string) => transition(actor, id, 'submit'),
      review: (actor: Actor, id: string, decision: ReviewDecision, baseVersion: number) =>
        transition(actor, id, decision.approve ? 'approve' : 'reject', decision.comment, baseVersion),
      async history(actor: Actor, id: string): Promise<{ versions: Versioned<Input>[] }> {
        await visible(actor, id);
        const versions = await store.listVersions(db, id);
        return { versions: versions.map(({ data, ...stamp }) => ({ ...stamp, ...(JSON.parse(data) as Input) })) };
      },
      async rollback(actor: Actor, id: string, version: number): Promise<View> {
        const { org } = await changeable(actor, id, 'rollback', 'content.edit');
        const old = await store.version(db, id, version);
        if (!old) throw new LinliError('NOT_FOUND', `There is no version ${version} of ${kind} '${id}'`);
        const result = await db.transaction(async (tx) =>
          saveVersion(tx, actor, {
            action: `${kind}.rollback`,
            id,
            input: JSON.parse(old) as Input,
            previous: await lockAt(tx, id),
            org,
            intent: 'draft',
          }),
        );
        return result.view;
      },
      async remove(actor: Actor, id: string): Promise<void> {
        const { row, org } = await changeable(actor, id, 'delete', (found) =>
          found.live_version === null ? 'content.edit' : 'content.review',
        );
        const seq = await db.transaction(async (tx) => {
          // The trail keeps every version, so a deleted item can still be read back.
          const history = await store.listVersions(tx, id);
          await store.remove(tx, id);
          await audit.record(tx, actor, `${kind}.delete`, target(id, org), {
            before: { ...(viewOf(row) as object), history },
          });
          return row.live_version === null ? 0 : appendChange(tx, { entity: kind, id, op: 'delete' }, clock());
        });
        announce(seq);
      },
    },
  };
}
