/**
 * Residents' cases (诉求) from every channel, and their workflow (case-workflow.ts holds the state
 * table). A case is taken at a node (受理点: the kiosk's, desk's or staff member's) and may be
 * dispatched to another (a grid, a community, a department's node); staff see the cases taken at
 * or dispatched into their subtree. Deadlines are fixed at intake from the rules and the working-day
 * calendar and move only with an approved extension or while the case waits for the resident.
 *
 * The resident's contact data is kept in full for the follow-up call, shown masked everywhere; a
 * full read is its own audited call; it is deleted a configured number of days after the case
 * ends (the masked phone stays, so the resident can still look the case up). A sender's clientId
 * makes a submission idempotent: sending it again returns the first case.
 */
import { randomInt, timingSafeEqual } from 'node:crypto';
import {
  CASE_NATURES,
  CASE_PHOTO_MAX_BYTES,
  CASE_STATES,
  LinliError,
  can,
  maskName,
  maskPhone,
  type CaseActionInput,
  type CityUpdate,
  type CaseCatalogue,
  type CaseChannel,
  type CaseContactView,
  type CaseInput,
  type CaseList,
  type CaseLocation,
  type CaseNature,
  type CasePublicStatus,
  type CaseReceipt,
  type CaseState,
  type CaseStatusQuery,
  type CaseStep,
  type CaseView,
  type ErrorDetail,
  type StaffCaseInput,
} from '@linli/protocol';
import { beijingDate } from '../bills/beijing-time';
import type { Database, Queryable, SqlValue } from '../db/database';
import { findOrg } from '../db/org-store';
import { findUser } from '../db/user-store';
import { inScope, type Actor } from './actor';
import { createAttemptLimiter } from './attempt-limiter';
import { writeAudit, type AuditService } from './audit';
import { caseLights, deadlinesFor, ruleFor } from './case-deadlines';
import type { CaseRules } from './case-rules';
import { caseActionsOpen, caseMove, isOpenCase, publicState, type CaseFacts } from './case-workflow';
import type { Clock } from './clock';
import type { Readable } from 'node:stream';
import type { BlobStore } from '../media/blob-store';
import { receiveStillImage } from '../media/receive-image';
import type { KeyedHash } from './keyed-hash';
import type { Open311CaseFacts } from './open311';
import { mostSimilar } from './similar-cases';

/** Where a new case comes from: the channel, who recorded it and from where, and the node it is taken at. */
export interface CaseSource {
  channel: CaseChannel;
  /** A staff member's user name, or `device:<id>` for a kiosk. */
  by: string;
  from: string;
  orgId: number;
  orgPath: string;
  deviceId?: string;
  /** A note on the first step (the desk: where the clerk would send it). */
  note?: string;
}

/** What a case made by the server itself says: no contact, photos or answer, and no clientId (its transaction makes it once). */
export type SystemCaseInput = Pick<CaseInput, 'nature' | 'category' | 'urgency' | 'description' | 'location'>;

export interface CaseFilter {
  /** "open": every state before 办结. */
  state?: CaseState | 'open';
  nature?: CaseNature;
  /** Only what is dispatched to the actor (or to their node without a named person). */
  mine?: boolean;
  /** A tracking number, or words of the description. */
  q?: string;
  limit?: number;
  offset?: number;
}

export interface CaseService {
  /** The categories and natures screens offer. */
  catalogue(): CaseCatalogue;
  /** A case from a kiosk, a desk or any sender already checked by its caller. */
  register(source: CaseSource, input: CaseInput): Promise<CaseReceipt & { id: number }>;
  /**
   * A case written in the caller's transaction, so it lands with the change that opens it or not at
   * all (a 差评's follow-up with its rating): checked as `register`; the caller has authorised it.
   */
  registerWithin(tx: Queryable, source: CaseSource, input: SystemCaseInput): Promise<{ id: number; tracking: string }>;
  /** A case staff write up (walk-in or phone) at their node or one below it: needs case.intake there. */
  intake(actor: Actor, input: StaffCaseInput): Promise<CaseReceipt & { id: number }>;
  act(actor: Actor, id: number, input: CaseActionInput): Promise<CaseView>;
  get(actor: Actor, id: number): Promise<CaseView>;
  list(actor: Actor, filter: CaseFilter): Promise<CaseList>;
  /** The resident's full contact data: audited. */
  contact(actor: Actor, id: number): Promise<CaseContactView>;
  /**
   * A resident asking after their case: NOT_FOUND unless the tracking number and the phone digits
   * or the ticket's code match; `from` (an address, a kiosk) is refused for a while after 10 misses.
   */
  status(query: CaseStatusQuery, from: string): Promise<CasePublicStatus>;
  /**
   * An update from the city platform (its signature already checked): the case it was forwarded
   * as moves on — 签收, 答复, 办结 (through 审核) or 退回 — each step the platform's on the timeline.
   * NOT_FOUND unless the tracking number and the platform's id belong together.
   */
  cityUpdate(update: CityUpdate): Promise<void>;
  /** Cases posted through Open311, as its public GET shows them: newest first, at most `limit`. */
  open311Requests(filter: Open311Filter): Promise<Open311CaseFacts[]>;
  /**
   * 超期督办: each case past its limit to sign for or reply gets one 督办 step from the system for
   * that limit (its supervision count shows it; the red light already does). Returns how many.
   */
  escalateOverdue(): Promise<number>;
  /** A photo for a case or a step (JPEG, PNG or WebP), kept by its hash; answers its id. */
  uploadPhoto(actor: Actor, body: Readable): Promise<{ id: string }>;
  /**
   * A photo a kiosk sends before the case that names it (the route has checked it is a kiosk
   * before reading a byte): the same checks and store as uploadPhoto; `by` is `device:<id>`.
   * Sent again, it is the same photo.
   */
  uploadKioskPhoto(by: string, body: Readable): Promise<{ id: string }>;
  /** A photo's file, for someone who sees a case it belongs to; NOT_FOUND otherwise. */
  photo(actor: Actor, id: string): Promise<{ body: Readable; mime: string; bytes: number }>;
  /** Deletes the contact data of cases ended longer ago than the retention; returns how many. */
  purgeContacts(): Promise<number>;
}

export interface Open311Filter {
  trackings?: string[];
  categories?: string[];
  /** Received at or after, before. */
  from?: string;
  to?: string;
  status?: 'open' | 'closed';
  limit: number;
}

export interface CaseOptions {
  /** Days after a case ends (办结 or 不予受理) that its contact data is kept. */
  contactRetentionDays: number;
}

export const CASE_DEFAULTS: CaseOptions = { contactRetentionDays: 180 };

/** The channels where staff take the case and may answer it on the spot. */
const STAFF_CHANNELS: ReadonlySet<CaseChannel> = new Set(['desk', 'phone', 'walk-in']);
const CODE_LENGTH = 10;
/** How far apart in time two cases may be to be suggested as one matter. */
const SIMILAR_WINDOW_MS = 30 * 86_400_000;
const LIST_MAX = 200;

type CaseRow = {
  id: number;
  tracking: string;
  client_id: string | null;
  version: number;
  channel: CaseChannel;
  nature: CaseNature;
  category: string;
  urgency: 'urgent' | 'normal';
  description: string;
  location: string | null;
  org_id: number;
  org_path: string;
  device_id: string | null;
  created_by: string;
  state: CaseState;
  assignee_org_id: number | null;
  assignee_org_path: string | null;
  assignee_user: string | null;
  received_at: string;
  day: string;
  dispatch_by: string;
  sign_by: string;
  reply_by: string;
  close_by: string;
  extension_latest: string;
  warn_days: number;
  anonymous: number;
  contact_name: string | null;
  contact_phone: string | null;
  name_masked: string | null;
  phone_masked: string | null;
  contact_purged_at: string | null;
  call_number: string | null;
  call_at: string | null;
  call_seconds: number | null;
  call_recording: string | null;
  reply: string | null;
  replied_at: string | null;
  satisfaction: CaseView['satisfaction'] | null;
  closed_at: string | null;
  answered_on_spot: number;
  extension_state: 'requested' | 'approved' | 'denied' | null;
  extension_days: number | null;
  waiting_since: string | null;
  supervisions: number;
  reopens: number;
  updated_at: string;
  org_name?: string;
  assignee_org_name?: string | null;
  forward_platform?: string | null;
  forward_state?: 'pending' | 'sent' | 'failed' | null;
  forward_external_id?: string | null;
  forward_error?: string | null;
  merged_into: number | null;
  merged_tracking?: string | null;
  grid_org_id: number | null;
  grid_name?: string | null;
};

const SELECT_CASE = `SELECT c.*, o.name AS org_name, a.name AS assignee_org_name, f.platform AS forward_platform,
    f.state AS forward_state, f.external_id AS forward_external_id, f.last_error AS forward_error,
    m.tracking AS merged_tracking, g.name AS grid_name
  FROM cases c JOIN org_nodes o ON o.id = c.org_id LEFT JOIN org_nodes a ON a.id = c.assignee_org_id
  LEFT JOIN org_nodes g ON g.id = c.grid_org_id
  LEFT JOIN case_forwards f ON f.case_id = c.id LEFT JOIN cases m ON m.id = c.merged_into`;

const OPEN_STATES = CASE_STATES.filter(isOpenCase);

export function createCaseService(deps: {
  db: Database;
  clock: Clock;
  audit: AuditService;
  rules: CaseRules;
  /** Keys the codes printed on tickets. */
  hash: KeyedHash;
  /** The city platform cases may be forwarded to, when one is connected. */
  cityPlatform?: { name: string };
  /** The grid a case happened in (grids.gridOf), placed at intake. */
  gridOf?: (queryable: Queryable, orgPath: string, location: CaseLocation | undefined) => Promise<number | undefined>;
  /** Where photos are kept (content-addressed, beside the media files; served only through their cases). */
  photoBlobs?: BlobStore;
  /** A case was forwarded: send it now rather than at the next round. */
  onForwarded?: () => void;
  /** A case moved on (a step applied): its new limit may already be near, so its reminders are swept now. */
  onActed?: (caseId: number) => Promise<void>;
  options?: Partial<CaseOptions>;
}): CaseService {
  const { db, clock, audit, rules } = deps;
  const options = { ...CASE_DEFAULTS, ...deps.options };
  const { calendar } = rules;

  const factsOf = (row: CaseRow): CaseFacts => ({
    state: row.state,
    // Forwarded, the city platform handles it as an assignee would.
    dispatched: row.assignee_org_id !== null || !!row.forward_state,
    extension: row.extension_state ?? undefined,
    waiting: row.waiting_since !== null,
    cityPlatform: !!deps.cityPlatform,
  });

  // 10 misses in 15 minutes: enough for typos, far too few to guess phone digits.
  const lookups = createAttemptLimiter({ db, scope: 'case-lookup', clock, maxFailures: 10 });
  const codeOf = async (tracking: string) => (await deps.hash(`case ${tracking}`)).slice(0, CODE_LENGTH);

  const lightsOf = (row: CaseRow, now: Date) => caseLights(calendar, row, now);

  const viewOf = (row: CaseRow, now: Date): CaseView => {
    const lights = lightsOf(row, now);
    return {
      id: Number(row.id),
      tracking: row.tracking,
      version: Number(row.version),
      channel: row.channel,
      nature: row.nature,
      category: row.category,
      urgency: row.urgency,
      description: row.description,
      ...(row.location ? { location: JSON.parse(row.location) as CaseView['location'] } : {}),
      state: row.state,
      orgId: Number(row.org_id),
      orgName: row.org_name ?? '',
      ...(row.assignee_org_id !== null
        ? {
            assignee: {
              orgId: Number(row.assignee_org_id),
              orgName: row.assignee_org_name ?? '',
              ...(row.assignee_user ? { user: row.assignee_user } : {}),
            },
          }
        : {}),
      receivedAt: row.received_at,
      deadlines: {
        dispatchBy: row.dispatch_by,
        signBy: row.sign_by,
        replyBy: row.reply_by,
        closeBy: row.close_by,
        extensionLatest: row.extension_latest,
      },
      ...(lights ? { lights } : {}),
      anonymous: row.anonymous === 1,
      ...(row.name_masked || row.phone_masked
        ? {
            contactMasked: {
              ...(row.name_masked ? { name: row.name_masked } : {}),
              ...(row.phone_masked ? { phone: row.phone_masked } : {}),
            },
          }
        : {}),
      ...(row.contact_purged_at ? { contactPurgedAt: row.contact_purged_at } : {}),
      ...(row.call_at
        ? {
            call: {
              calledAt: row.call_at,
              durationSeconds: Number(row.call_seconds),
              ...(row.call_recording ? { recordingRef: row.call_recording } : {}),
            },
          }
        : {}),
      ...(row.reply ? { reply: row.reply } : {}),
      ...(row.replied_at ? { repliedAt: row.replied_at } : {}),
      ...(row.satisfaction ? { satisfaction: row.satisfaction } : {}),
      ...(row.closed_at ? { closedAt: row.closed_at } : {}),
      answeredOnSpot: row.answered_on_spot === 1,
      ...(row.extension_state ? { extension: { state: row.extension_state, days: Number(row.extension_days) } } : {}),
      ...(row.forward_state
        ? {
            forwarded: {
              platform: row.forward_platform!,
              state: row.forward_state,
              ...(row.forward_external_id ? { externalId: row.forward_external_id } : {}),
              ...(row.forward_error ? { lastError: row.forward_error } : {}),
            },
          }
        : {}),
      ...(row.grid_org_id !== null ? { grid: { orgId: Number(row.grid_org_id), name: row.grid_name ?? '' } } : {}),
      ...(row.merged_into !== null && row.merged_tracking
        ? { mergedInto: { id: Number(row.merged_into), tracking: row.merged_tracking } }
        : {}),
      ...(row.waiting_since ? { waitingSince: row.waiting_since } : {}),
      supervisions: Number(row.supervisions),
      reopens: Number(row.reopens),
    };
  };

  const target = (row: CaseRow) => ({
    type: 'case',
    id: String(row.id),
    orgId: Number(row.org_id),
    orgPath: row.org_path,
  });

  /** Whether the actor stands on the side of the case an action needs: the intake node's subtree, or the assignee's. */
  const onSide = (actor: Actor, row: CaseRow, side: 'intake' | 'handling' | 'either') => {
    const intake = inScope(actor, row.org_path);
    const handling = row.assignee_org_path !== null && inScope(actor, row.assignee_org_path);
    return side === 'intake' ? intake : side === 'handling' ? handling : intake || handling;
  };

  /** The case as the actor may see it, or NOT_FOUND (a case outside their reach answers as if it did not exist). */
  const visibleRow = async (queryable: Queryable, actor: Actor, id: number, change?: string): Promise<CaseRow> => {
    const row = await queryable.get<CaseRow>(`${SELECT_CASE} WHERE c.id = ?`, [id]);
    if (!row || !onSide(actor, row, 'either')) {
      // An attempt to change a case out of reach is on the trail, though it answers as if there were none.
      if (change)
        await writeAudit(
          db,
          {
            actor: actor.username,
            action: change,
            target: row ? target(row) : { type: 'case', id: String(id), orgId: null, orgPath: null },
            from: actor.from,
            outcome: 'denied',
          },
          clock(),
        );
      throw new LinliError('NOT_FOUND', `No case ${id}`);
    }
    if (!can(actor.role, 'case.view')) await audit.deny(actor, 'case.view', target(row));
    return row;
  };

  const stepsOf = async (id: number): Promise<CaseStep[]> =>
    (
      await db.all<{
        at: string;
        actor: string;
        action: string;
        from_state: string | null;
        to_state: string;
        note: string | null;
      }>('SELECT at, actor, action, from_state, to_state, note FROM case_steps WHERE case_id = ? ORDER BY id', [id])
    ).map((step) => ({
      at: step.at,
      actor: step.actor,
      action: step.action as CaseStep['action'],
      ...(step.from_state ? { from: step.from_state as CaseState } : {}),
      to: step.to_state as CaseState,
      ...(step.note ? { note: step.note } : {}),
    }));

  const addStep = (
    tx: Queryable,
    id: number,
    at: string,
    actor: string,
    action: CaseStep['action'],
    from: CaseState | null,
    to: CaseState,
    note: string | null,
  ) =>
    tx.run(
      'INSERT INTO case_steps (case_id, at, actor, action, from_state, to_state, note) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [id, at, actor, action, from, to, note],
    );

  const intakeProblems = async (source: CaseSource, input: CaseInput): Promise<ErrorDetail[]> => {
    const problems: ErrorDetail[] = [];
    if (!input.description.trim()) problems.push({ path: '/description', message: 'must not be blank' });
    if (input.answer !== undefined && !STAFF_CHANNELS.has(source.channel))
      problems.push({ path: '/answer', message: 'only staff answer a case on the spot' });
    if (input.answer !== undefined && !input.answer.trim())
      problems.push({ path: '/answer', message: 'must not be blank' });
    if (source.channel === 'phone' && !input.call)
      problems.push({ path: '/call', message: 'a phone case names the call' });
    if (source.channel !== 'phone' && input.call)
      problems.push({ path: '/call', message: 'only a phone case has a call' });
    const location = input.location;
    if (location && (location.lat === undefined) !== (location.long === undefined))
      problems.push({ path: '/location', message: 'give both lat and long, or neither' });
    return problems;
  };

  /** 12 digits: the Beijing date and six random digits, unused so far. */
  const newTracking = async (tx: Queryable, now: Date): Promise<string> => {
    const prefix = beijingDate(now).slice(2).replaceAll('-', '');
    for (;;) {
      const tracking = `${prefix}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
      if (!(await tx.get('SELECT 1 AS taken FROM cases WHERE tracking = ?', [tracking]))) return tracking;
    }
  };

  const receiptOf = async (row: CaseRow, duplicate: boolean): Promise<CaseReceipt & { id: number }> => ({
    id: Number(row.id),
    tracking: row.tracking,
    code: await codeOf(row.tracking),
    state: row.state,
    receivedAt: row.received_at,
    replyBy: row.reply_by,
    duplicate,
  });

  /** The same sender sending a clientId again gets its case back; anyone else is refused. */
  const earlier = async (queryable: Queryable, source: CaseSource, clientId: string) => {
    const row = await queryable.get<CaseRow>('SELECT * FROM cases WHERE client_id = ?', [clientId]);
    if (!row) return undefined;
    const sameSender = source.deviceId ? row.device_id === source.deviceId : row.created_by === source.by;
    if (!sameSender) throw new LinliError('ALREADY_EXISTS', `Another sender used clientId ${clientId}`);
    return receiptOf(row, true);
  };

  /** Moves the reply and close limits (and the furthest extension) on by the working days the case waited. */
  const resumed = (row: CaseRow, today: string): Partial<CaseRow> => {
    if (!row.waiting_since) return {};
    const waited = calendar.workingDaysBetween(row.waiting_since, today);
    return {
      waiting_since: null,
      reply_by: calendar.addWorkingDays(row.reply_by, waited),
      close_by: calendar.addWorkingDays(row.close_by, waited),
      extension_latest: calendar.addWorkingDays(row.extension_latest, waited),
    };
  };

  /** The columns an action changes besides the state. */
  const effects = async (actor: Actor, row: CaseRow, input: CaseActionInput, to: CaseState, now: Date) => {
    const at = now.toISOString();
    const today = beijingDate(now);
    switch (input.action) {
      case 'answer':
        return { reply: input.reply!, replied_at: at, answered_on_spot: 1, closed_at: at };
      case 'not-accept':
        return { closed_at: at };
      case 'merge': {
        const into = await db.get<CaseRow>('SELECT * FROM cases WHERE id = ?', [input.mergeInto!]);
        const refused = (message: string) =>
          new LinliError('VALIDATION_FAILED', `/mergeInto: ${message}`, [{ path: '/mergeInto', message }]);
        if (!into || !onSide(actor, into, 'either')) throw refused('no such case within reach');
        if (Number(into.id) === Number(row.id)) throw refused('a case cannot be merged into itself');
        if (!isOpenCase(into.state) || into.merged_into !== null) throw refused('that case is no longer open');
        // What the resident reads when they look it up.
        return {
          merged_into: Number(into.id),
          reply: `已与受理编号 ${into.tracking} 的诉求合并办理`,
          replied_at: at,
          closed_at: at,
        };
      }
      case 'dispatch': {
        const assignee = await findOrg(db, input.assigneeOrgId!);
        // Within the dispatcher's subtree, or up the case's own line (escalated to the street or district).
        if (!assignee || !(inScope(actor, assignee.path) || row.org_path.startsWith(assignee.path)))
          throw new LinliError('VALIDATION_FAILED', '/assigneeOrgId: no such node within reach', [
            { path: '/assigneeOrgId', message: 'no such node within reach' },
          ]);
        if (input.assigneeUser !== undefined) {
          const user = await findUser(db, input.assigneeUser);
          const userNode = user?.org_id != null ? await findOrg(db, Number(user.org_id)) : undefined;
          if (
            !user ||
            user.disabled === 1 ||
            !userNode?.path.startsWith(assignee.path) ||
            !can(user.role, 'case.handle')
          )
            throw new LinliError('VALIDATION_FAILED', '/assigneeUser: not a handler at that node', [
              { path: '/assigneeUser', message: 'not a handler at that node' },
            ]);
        }
        return {
          assignee_org_id: assignee.id,
          assignee_org_path: assignee.path,
          assignee_user: input.assigneeUser ?? null,
        };
      }
      case 'return':
        return {
          ...resumed(row, today),
          assignee_org_id: null,
          assignee_org_path: null,
          assignee_user: null,
          extension_state: null,
          extension_days: null,
        };
      case 'request-extension':
        return { extension_state: 'requested' as const, extension_days: input.days! };
      case 'decide-extension': {
        if (!input.approve) return { extension_state: 'denied' as const };
        const wanted = calendar.addWorkingDays(row.reply_by, Number(row.extension_days));
        const replyBy = wanted < row.extension_latest ? wanted : row.extension_latest;
        const granted = calendar.workingDaysBetween(row.reply_by, replyBy);
        return {
          extension_state: 'approved' as const,
          extension_days: granted,
          reply_by: replyBy,
          close_by: calendar.addWorkingDays(row.close_by, granted),
        };
      }
      case 'reply':
        return { ...resumed(row, today), reply: input.reply!, replied_at: at };
      case 'visit':
        return to === 'closed'
          ? { satisfaction: input.satisfaction!, closed_at: at }
          : { satisfaction: input.satisfaction!, reopens: Number(row.reopens) + 1 };
      case 'close':
        return { closed_at: at };
      case 'supervise':
        return { supervisions: Number(row.supervisions) + 1 };
      case 'reopen':
        return { closed_at: null, satisfaction: null, reopens: Number(row.reopens) + 1 };
      case 'wait':
        return { waiting_since: today };
      case 'resume':
        return resumed(row, today);
      default:
        return {};
    }
  };

  /** The step taken: the case's columns, its timeline and the trail in one transaction (CASE_CHANGED if it moved meanwhile). */
  const apply = async (actor: Actor, row: CaseRow, input: CaseActionInput, to: CaseState, now: Date) => {
    const at = now.toISOString();
    const id = Number(row.id);
    const changes: Record<string, SqlValue> = {
      ...(await effects(actor, row, input, to, now)),
      state: to,
      updated_at: at,
    };
    const columns = Object.keys(changes);
    await db.transaction(async (tx) => {
      const { changes: updated } = await tx.run(
        `UPDATE cases SET ${columns.map((column) => `${column} = ?`).join(', ')}, version = version + 1
          WHERE id = ? AND version = ?`,
        [...columns.map((column) => changes[column]!), id, input.version],
      );
      if (updated === 0) throw new LinliError('CASE_CHANGED', `Case ${id} changed meanwhile`);
      // Returned by the platform (or by whoever had it): it is no longer forwarded.
      if (input.action === 'return') await tx.run('DELETE FROM case_forwards WHERE case_id = ?', [id]);
      // Forwarded: sent from case_forwards by the forwarding timer, committed with the step.
      if (input.action === 'forward')
        await tx.run(
          `INSERT INTO case_forwards (case_id, platform, state, attempts, next_attempt_at) VALUES (?, ?, 'pending', 0, ?)
           ON CONFLICT (case_id) DO UPDATE SET state = 'pending', attempts = 0, next_attempt_at = excluded.next_attempt_at,
             external_id = NULL, last_error = NULL`,
          [id, deps.cityPlatform!.name, at],
        );
      await attachPhotos(tx, id, input.photos, actor.username, at);
      const note = input.reply ?? input.note ?? null;
      await addStep(tx, id, at, actor.username, input.action, row.state, to, note);
      await audit.record(tx, actor, `case.${input.action}`, target(row), {
        before: { state: row.state },
        after: {
          state: to,
          ...(input.assigneeOrgId ? { assigneeOrgId: input.assigneeOrgId } : {}),
          ...(input.satisfaction ? { satisfaction: input.satisfaction } : {}),
          ...(input.approve !== undefined ? { approve: input.approve } : {}),
          ...(input.mergeInto ? { mergeInto: input.mergeInto } : {}),
        },
      });
    });
  };

  /** Open cases of the last 30 days at the same node, in the same category, that read alike. */
  const similarTo = async (row: CaseRow) => {
    const around = Date.parse(row.received_at);
    const candidates = await db.all<CaseRow>(
      `SELECT * FROM cases WHERE category = ? AND org_path = ? AND id <> ? AND merged_into IS NULL
         AND state NOT IN ('closed', 'not-accepted') AND received_at >= ? AND received_at <= ? ORDER BY id DESC LIMIT 200`,
      [
        row.category,
        row.org_path,
        row.id,
        new Date(around - SIMILAR_WINDOW_MS).toISOString(),
        new Date(around + SIMILAR_WINDOW_MS).toISOString(),
      ],
    );
    const textOf = (entry: CaseRow) =>
      `${entry.description} ${entry.location ? ((JSON.parse(entry.location) as CaseLocation).text ?? '') : ''}`;
    return mostSimilar(
      textOf(row),
      candidates.map((entry) => ({ entry, text: textOf(entry) })),
    ).map(({ candidate: { entry }, similarity }) => ({
      id: Number(entry.id),
      tracking: entry.tracking,
      description: entry.description.slice(0, 80),
      state: entry.state,
      similarity: Math.round(similarity * 100) / 100,
    }));
  };

  /** A photo into the content-addressed store: sniffed (JPEG, PNG, WebP), CASE_PHOTO_MAX_BYTES, named by its SHA-256. */
  const storePhoto = async (by: string, body: Readable) => {
    const blobs = deps.photoBlobs;
    if (!blobs) throw new LinliError('NOT_FOUND', 'Photos are not kept on this server');
    const { file, mime } = await receiveStillImage(blobs, body, CASE_PHOTO_MAX_BYTES, 'A photo');
    await db.run(
      `INSERT INTO case_photo_blobs (sha256, mime, bytes, uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (sha256) DO NOTHING`,
      [file.sha256, mime, file.bytes, by, clock().toISOString()],
    );
    return { id: file.sha256 };
  };

  /** The photos named must have been uploaded (VALIDATION_FAILED naming each that was not). */
  const checkPhotos = async (photos: readonly string[] | undefined) => {
    if (!photos?.length) return;
    const known = new Set(
      (
        await db.all<{ sha256: string }>(
          `SELECT sha256 FROM case_photo_blobs WHERE sha256 IN (${photos.map(() => '?').join(', ')})`,
          [...photos],
        )
      ).map((row) => row.sha256),
    );
    const problems = photos.flatMap((photo, index) =>
      known.has(photo) ? [] : [{ path: `/photos/${index}`, message: 'no photo uploaded with this id' }],
    );
    if (problems.length > 0)
      throw new LinliError('VALIDATION_FAILED', `${problems[0]!.path}: ${problems[0]!.message}`, problems);
  };
  const attachPhotos = async (
    tx: Queryable,
    caseId: number,
    photos: readonly string[] | undefined,
    by: string,
    at: string,
  ) => {
    for (const photo of photos ?? [])
      await tx.run(
        'INSERT INTO case_photos (case_id, sha256, added_at, added_by) VALUES (?, ?, ?, ?) ON CONFLICT (case_id, sha256) DO NOTHING',
        [caseId, photo, at, by],
      );
  };

  const get = async (actor: Actor, id: number): Promise<CaseView> => {
    const row = await visibleRow(db, actor, id);
    const similar = row.state === 'registered' || row.state === 'accepted' ? await similarTo(row) : [];
    return {
      ...viewOf(row, clock()),
      steps: await stepsOf(id),
      actions: actionsFor(actor, row),
      photos: (
        await db.all<{ sha256: string }>('SELECT sha256 FROM case_photos WHERE case_id = ? ORDER BY added_at, sha256', [
          id,
        ])
      ).map((photo) => photo.sha256),
      ...(similar.length > 0 && { similar }),
    };
  };

  /** A new case's checks beyond its schema: its category in the catalogue, then each problem by field. */
  const checkIntake = async (source: CaseSource, input: CaseInput) => {
    const problems = await intakeProblems(source, input);
    if (!rules.category(input.category))
      throw new LinliError('CASE_CATEGORY_UNKNOWN', `No category ${input.category}`, [
        { path: '/category', message: `no category ${input.category} in the catalogue` },
      ]);
    if (problems.length > 0)
      throw new LinliError('VALIDATION_FAILED', `${problems[0]!.path}: ${problems[0]!.message}`, problems);
  };

  /**
   * Writes a checked case in `tx`: its row with the limits the rules give at `now`, its photos, its
   * first steps and the trail's entry. Undefined when another submission of its clientId was
   * stored meanwhile.
   */
  const insertCase = async (tx: Queryable, source: CaseSource, input: CaseInput, now: Date) => {
    const at = now.toISOString();
    const urgency = input.urgency ?? 'normal';
    const rule = ruleFor(rules.deadlines, { nature: input.nature, urgency, category: input.category });
    const deadlines = deadlinesFor(rule, calendar, now);
    const name = input.contact?.name?.trim() || null;
    const phone = input.contact?.phone ?? null;
    const answer = input.answer?.trim();
    const tracking = await newTracking(tx, now);
    const row = await tx.get<CaseRow>(
      `INSERT INTO cases (tracking, client_id, version, channel, nature, category, urgency, description, location,
             org_id, org_path, device_id, created_by, state, received_at, day, dispatch_by, sign_by, reply_by,
             close_by, extension_latest, warn_days, anonymous, contact_name, contact_phone, name_masked,
             phone_masked, call_number, call_at, call_seconds, call_recording, reply, replied_at, closed_at,
             answered_on_spot, supervisions, reopens, updated_at, grid_org_id)
           VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
             ?, ?, 0, 0, ?, ?)
           ON CONFLICT (client_id) DO NOTHING RETURNING *`,
      [
        tracking,
        input.clientId ?? null,
        source.channel,
        input.nature,
        input.category,
        urgency,
        input.description.trim(),
        input.location ? JSON.stringify(input.location) : null,
        source.orgId,
        source.orgPath,
        source.deviceId ?? null,
        source.by,
        answer ? 'closed' : 'registered',
        at,
        beijingDate(now),
        deadlines.dispatchBy,
        deadlines.signBy,
        deadlines.replyBy,
        deadlines.closeBy,
        deadlines.extensionLatest,
        rule.warnWorkingDays,
        name || phone ? 0 : 1,
        name,
        phone,
        name ? maskName(name) : null,
        phone ? maskPhone(phone) : null,
        input.call?.callerNumber ?? null,
        input.call?.calledAt ? new Date(input.call.calledAt).toISOString() : null,
        input.call?.durationSeconds ?? null,
        input.call?.recordingRef ?? null,
        answer ?? null,
        answer ? at : null,
        answer ? at : null,
        answer ? 1 : 0,
        at,
        (await deps.gridOf?.(tx, source.orgPath, input.location)) ?? null,
      ],
    );
    // Sent twice at once: the other submission won; answer as a repeat.
    if (!row) return undefined;
    await attachPhotos(tx, Number(row.id), input.photos, source.by, at);
    await addStep(tx, row.id, at, source.by, 'register', null, 'registered', source.note ?? null);
    if (answer) await addStep(tx, row.id, at, source.by, 'answer', 'registered', 'closed', null);
    // The trail says how and where; what the resident said stays with the case.
    await writeAudit(
      tx,
      {
        actor: source.by,
        action: 'case.register',
        target: target(row),
        from: source.from,
        outcome: 'ok',
        after: { channel: source.channel, nature: input.nature, category: input.category, state: row.state },
      },
      now,
    );
    return row;
  };

  const register: CaseService['register'] = async (source, input) => {
    await checkIntake(source, input);
    if (input.clientId) {
      const again = await earlier(db, source, input.clientId);
      if (again) return again;
    }
    await checkPhotos(input.photos);
    const stored = await db.transaction((tx) => insertCase(tx, source, input, clock()));
    // The ticket's code is made outside the transaction: its key may have to be stored first.
    return stored ? receiptOf(stored, false) : (await earlier(db, source, input.clientId!))!;
  };

  return {
    catalogue: () => ({
      categories: [...rules.categories],
      natures: [...CASE_NATURES],
      calendarYears: [...rules.calendar.years()],
    }),

    register,

    async registerWithin(tx, source, input) {
      await checkIntake(source, input);
      // Without a clientId nothing can have taken its place: a row always comes back.
      const row = (await insertCase(tx, source, input, clock()))!;
      return { id: Number(row.id), tracking: row.tracking };
    },

    async intake(actor, input) {
      const { channel, orgId, ...rest } = input;
      const node = orgId === undefined ? undefined : await findOrg(db, orgId);
      if (orgId !== undefined && !node) throw new LinliError('NOT_FOUND', `No organisation ${orgId}`);
      const where = node ? { id: node.id, path: node.path } : { id: actor.orgId, path: actor.orgPath };
      await audit.authorize(actor, 'case.intake', 'case.register', {
        type: 'org',
        id: String(where.id),
        orgId: where.id,
        orgPath: where.path,
      });
      return register({ channel, by: actor.username, from: actor.from, orgId: where.id, orgPath: where.path }, rest);
    },

    async act(actor, id, input) {
      const now = clock();
      const row = await visibleRow(db, actor, id, `case.${input.action}`);
      const move = caseMove(factsOf(row), input);
      if (!can(actor.role, move.permission) || !onSide(actor, row, move.side))
        await audit.deny(actor, `case.${input.action}`, target(row));
      if (Number(row.version) !== input.version)
        throw new LinliError('CASE_CHANGED', `Case ${id} is at version ${row.version}, not ${input.version}`);
      await checkPhotos(input.photos);
      await apply(actor, row, input, move.to, now);
      if (input.action === 'forward') deps.onForwarded?.();
      await deps.onActed?.(Number(row.id));
      return get(actor, id);
    },

    get,

    async list(actor, filter) {
      if (!can(actor.role, 'case.view'))
        await audit.deny(actor, 'case.list', { type: 'case', id: '*', orgId: actor.orgId, orgPath: actor.orgPath });
      const where = ['(c.org_path LIKE ? OR c.assignee_org_path LIKE ?)'];
      const params: SqlValue[] = [`${actor.orgPath}%`, `${actor.orgPath}%`];
      if (filter.state === 'open') where.push(`c.state IN (${OPEN_STATES.map(() => '?').join(', ')})`);
      else if (filter.state) where.push('c.state = ?');
      params.push(...(filter.state === 'open' ? OPEN_STATES : filter.state ? [filter.state] : []));
      if (filter.nature) {
        where.push('c.nature = ?');
        params.push(filter.nature);
      }
      if (filter.mine) {
        where.push('(c.assignee_user = ? OR (c.assignee_user IS NULL AND c.assignee_org_id = ?))');
        params.push(actor.username, actor.orgId);
      }
      const q = filter.q?.trim();
      if (q) {
        where.push(/^\d{12}$/.test(q) ? 'c.tracking = ?' : 'c.description LIKE ?');
        params.push(/^\d{12}$/.test(q) ? q : `%${q.replace(/[%_\\]/g, '')}%`);
      }
      const condition = where.join(' AND ');
      const total = await db.get<{ total: number }>(`SELECT COUNT(*) AS total FROM cases c WHERE ${condition}`, params);
      const rows = await db.all<CaseRow>(`${SELECT_CASE} WHERE ${condition} ORDER BY c.id DESC LIMIT ? OFFSET ?`, [
        ...params,
        Math.min(filter.limit ?? 50, LIST_MAX),
        filter.offset ?? 0,
      ]);
      const now = clock();
      return { cases: rows.map((row) => viewOf(row, now)), total: Number(total?.total ?? 0) };
    },

    async contact(actor, id) {
      const row = await visibleRow(db, actor, id);
      if (!can(actor.role, 'case.intake') && !can(actor.role, 'case.handle'))
        await audit.deny(actor, 'case.contact-view', target(row));
      await audit.record(db, actor, 'case.contact-view', target(row), {});
      return {
        ...(row.contact_name ? { name: row.contact_name } : {}),
        ...(row.contact_phone ? { phone: row.contact_phone } : {}),
        ...(row.call_number ? { callerNumber: row.call_number } : {}),
      };
    },

    async status(query, from) {
      await lookups.check(from);
      const row = await db.get<CaseRow>('SELECT * FROM cases WHERE tracking = ?', [query.tracking]);
      const matches = async () => {
        if (!row) return false;
        if (query.code) {
          const expected = Buffer.from(await codeOf(row.tracking));
          const given = Buffer.from(query.code);
          return expected.length === given.length && timingSafeEqual(expected, given);
        }
        return !!query.phoneLast4 && !!row.phone_masked && row.phone_masked.endsWith(query.phoneLast4);
      };
      if (!row || !(await matches())) {
        await lookups.failed(from);
        throw new LinliError('NOT_FOUND', 'No case with this tracking number and these phone digits');
      }
      return {
        tracking: row.tracking,
        nature: row.nature,
        category: row.category,
        state: publicState(row.state),
        receivedAt: row.received_at,
        replyBy: row.reply_by,
        ...(row.reply && ['replied', 'reviewed', 'closed'].includes(row.state) ? { reply: row.reply } : {}),
        ...(row.replied_at && row.reply ? { repliedAt: row.replied_at } : {}),
        ...(row.closed_at ? { closedAt: row.closed_at } : {}),
      };
    },

    async cityUpdate(update) {
      for (let first = true; ; first = false) {
        const row = await db.get<CaseRow>(`${SELECT_CASE} WHERE c.tracking = ?`, [update.tracking]);
        // Once returned it is forwarded no more: the update has done its part.
        if (!first && !row?.forward_external_id) return;
        if (!row || row.forward_external_id !== update.externalId)
          throw new LinliError('NOT_FOUND', `No forwarded case ${update.tracking} with id ${update.externalId}`);
        const step = cityStep(row.state, update, row.forward_platform ?? '');
        if (!step) return;
        const platform: Actor = {
          username: `city:${row.forward_platform}`,
          role: 'auditor',
          orgId: Number(row.org_id),
          orgPath: row.org_path,
          from: 'city-platform',
        };
        const input = { ...step, version: Number(row.version) };
        await apply(platform, row, input, caseMove(factsOf(row), input).to, clock());
      }
    },

    async open311Requests(filter) {
      const where = ["c.channel = 'open311'"];
      const params: SqlValue[] = [];
      const among = (column: string, values: string[]) => {
        where.push(`${column} IN (${values.map(() => '?').join(', ')})`);
        params.push(...values);
      };
      if (filter.trackings) among('c.tracking', filter.trackings);
      if (filter.categories) among('c.category', filter.categories);
      if (filter.from) {
        where.push('c.received_at >= ?');
        params.push(filter.from);
      }
      if (filter.to) {
        where.push('c.received_at < ?');
        params.push(filter.to);
      }
      if (filter.status) where.push(`c.state ${filter.status === 'closed' ? '' : 'NOT '}IN ('closed', 'not-accepted')`);
      const rows = await db.all<CaseRow>(`${SELECT_CASE} WHERE ${where.join(' AND ')} ORDER BY c.id DESC LIMIT ?`, [
        ...params,
        filter.limit,
      ]);
      return rows.flatMap((row) => {
        const category = rules.category(row.category);
        return category
          ? [
              {
                tracking: row.tracking,
                state: publicState(row.state),
                category,
                description: row.description,
                location: row.location ? (JSON.parse(row.location) as CaseLocation) : undefined,
                assigneeName: row.assignee_org_name ?? undefined,
                receivedAt: row.received_at,
                updatedAt: row.updated_at,
                replyBy: row.reply_by,
                reply: row.reply && ['replied', 'reviewed', 'closed'].includes(row.state) ? row.reply : undefined,
              },
            ]
          : [];
      });
    },

    async uploadPhoto(actor, body) {
      const target = { type: 'case-photo', id: '*', orgId: actor.orgId, orgPath: actor.orgPath };
      if (!can(actor.role, 'case.intake') && !can(actor.role, 'case.handle'))
        await audit.deny(actor, 'case.photo-upload', target);
      return storePhoto(actor.username, body);
    },

    uploadKioskPhoto: (by, body) => storePhoto(by, body),

    async photo(actor, id) {
      const owners = await db.all<{ case_id: number }>('SELECT case_id FROM case_photos WHERE sha256 = ?', [id]);
      for (const owner of owners) {
        const row = await db.get<CaseRow>('SELECT * FROM cases WHERE id = ?', [owner.case_id]);
        if (row && onSide(actor, row, 'either') && can(actor.role, 'case.view')) {
          const blob = await db.get<{ mime: string; bytes: number }>(
            'SELECT mime, bytes FROM case_photo_blobs WHERE sha256 = ?',
            [id],
          );
          return { body: deps.photoBlobs!.read(id), mime: blob!.mime, bytes: Number(blob!.bytes) };
        }
      }
      throw new LinliError('NOT_FOUND', `No photo ${id}`);
    },

    async escalateOverdue() {
      const now = clock();
      const today = beijingDate(now);
      const late = await db.all<CaseRow>(
        `${SELECT_CASE} WHERE c.waiting_since IS NULL
           AND ((c.state = 'dispatched' AND c.sign_by < ?) OR (c.state = 'handling' AND c.reply_by < ?))`,
        [today, today],
      );
      let escalated = 0;
      for (const row of late) {
        const note =
          row.state === 'dispatched'
            ? `超期未签收（签收期限 ${row.sign_by}）`
            : `超期未答复（答复期限 ${row.reply_by}）`;
        const done = await db.get('SELECT 1 AS done FROM case_steps WHERE case_id = ? AND actor = ? AND note = ?', [
          row.id,
          SYSTEM_ESCALATION.username,
          note,
        ]);
        if (done) continue;
        try {
          await apply(
            SYSTEM_ESCALATION,
            row,
            { action: 'supervise', version: Number(row.version), note },
            row.state,
            now,
          );
          escalated++;
        } catch (error) {
          // Changed meanwhile: the next sweep looks at it again.
          if (!(error instanceof LinliError && error.code === 'CASE_CHANGED')) throw error;
        }
      }
      return escalated;
    },

    async purgeContacts() {
      const now = clock();
      const cutoff = new Date(now.getTime() - options.contactRetentionDays * 86_400_000).toISOString();
      const { changes } = await db.run(
        `UPDATE cases SET contact_name = NULL, contact_phone = NULL, call_number = NULL, contact_purged_at = ?
          WHERE state IN ('closed', 'not-accepted') AND closed_at < ? AND contact_purged_at IS NULL
            AND (contact_name IS NOT NULL OR contact_phone IS NOT NULL OR call_number IS NOT NULL)`,
        [now.toISOString(), cutoff],
      );
      return changes;
    },
  };

  /** What the actor may do to the case now: the state allows it, their role holds it, they stand on its side. */
  function actionsFor(actor: Actor, row: CaseRow) {
    return caseActionsOpen(factsOf(row)).filter((action) => {
      const move = caseMove(factsOf(row), { action, version: 1, ...PROBE });
      return can(actor.role, move.permission) && onSide(actor, row, move.side);
    });
  }
}

/** The next step an update from the city platform asks of a case in `state`; none once it is there. */
function cityStep(
  state: CaseState,
  update: CityUpdate,
  platform: string,
): Omit<CaseActionInput, 'version'> | undefined {
  if (update.status === 'returned')
    return state === 'dispatched' || state === 'handling'
      ? { action: 'return', note: update.text ?? `${platform}退回` }
      : undefined;
  if (state === 'dispatched') return { action: 'sign' };
  if (update.status === 'accepted') return undefined;
  if (state === 'handling') return { action: 'reply', reply: update.text ?? '已办结' };
  if (update.status === 'replied') return undefined;
  if (state === 'replied') return { action: 'review', approve: true };
  if (state === 'reviewed') return { action: 'close', note: `${platform}已办结` };
  return undefined;
}

/** Who writes the automatic 督办 on the timeline and the trail (it holds no permission of its own). */
const SYSTEM_ESCALATION: Actor = { username: 'system', role: 'auditor', orgId: 0, orgPath: '/', from: 'local' };

/** Every field an action might need, so asking where an action leads never fails for a missing one. */
const PROBE = {
  note: '-',
  reply: '-',
  assigneeOrgId: 1,
  days: 1,
  approve: true,
  satisfaction: 'satisfied',
  mergeInto: 1,
} as const;
