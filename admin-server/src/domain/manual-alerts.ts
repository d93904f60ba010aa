/**
 * Manual alerts (人工发布预警): an office writes an alert from a template for nodes of its own
 * subtree; someone other than the author approves it, and in that same transaction the server
 * issues it as a CAP 1.2 message of the built-in source "manual" (alerts.issueWithin), so devices
 * see it exactly as a received alert and it ends the same way: on expiry, or when cancelled (a CAP
 * Cancel naming it). Every step is audited; two reviewers at once issue it once.
 */
import {
  LinliError,
  MANUAL_ALERT_MAX_HOURS,
  can,
  type ManualAlertInput,
  type ManualAlertList,
  type ManualAlertView,
  type ReviewDecision,
} from '@linli/protocol';
import { randomUUID } from 'node:crypto';
import { findAlert } from '../db/alert-store';
import type { Database, Queryable } from '../db/database';
import {
  findManualAlert,
  insertManualAlert,
  linkIssuedAlert,
  moveManualAlert,
  recentManualAlerts,
  type ManualAlertRow,
} from '../db/manual-alert-store';
import { findOrg, listByIds } from '../db/org-store';
import { inScope, mayRead, type Actor } from './actor';
import { alertState } from './alert-lifecycle';
import { MANUAL_ALERT_SOURCE } from './alert-sources';
import type { AlertService } from './alerts';
import type { AuditService } from './audit';
import { capTime, writeCapAlert } from './cap-writer';
import type { Clock } from './clock';
import { manualAlertDocument, manualCancelDocument } from './manual-alert-message';

export interface ManualAlerts {
  /** Waiting for review first, then the newest; those of offices the actor may read. */
  list(actor: Actor): Promise<ManualAlertList>;
  /** Writes one for review (content.edit); its nodes must be in the actor's subtree. */
  create(actor: Actor, input: ManualAlertInput): Promise<ManualAlertView>;
  /** Approves (issues it at once) or rejects one in review (content.review, not its author). */
  review(actor: Actor, id: string, decision: ReviewDecision): Promise<ManualAlertView>;
  /** Withdraws one in review, or cancels one issued (its author, or a reviewer). */
  cancel(actor: Actor, id: string): Promise<ManualAlertView>;
}

/** How many the list shows: the recent past is what offices act on. */
const LIST_LIMIT = 200;

const target = (id: string, org: { id: number; path: string }) => ({
  type: 'manual-alert',
  id,
  orgId: org.id,
  orgPath: org.path,
});

function invalid(path: string, message: string): LinliError {
  return new LinliError('VALIDATION_FAILED', `${path}: ${message}`, [{ path, message }]);
}

/** Why `expiresAt` cannot be used at `now`, if it cannot: it must lie ahead, within the longest allowed. */
export function expiryProblem(expiresAt: string, now: Date): string | undefined {
  const at = Date.parse(expiresAt);
  if (!(at > now.getTime())) return 'must be later than now';
  if (at - now.getTime() > MANUAL_ALERT_MAX_HOURS * 3_600_000)
    return `must be at most ${MANUAL_ALERT_MAX_HOURS / 24} days from now`;
  return undefined;
}

export function createManualAlerts(deps: {
  db: Database;
  clock: Clock;
  audit: AuditService;
  alerts: AlertService;
}): ManualAlerts {
  const { db, clock, audit, alerts } = deps;

  async function viewOf(queryable: Queryable, row: ManualAlertRow): Promise<ManualAlertView> {
    const issued = row.alert_id ? await findAlert(queryable, row.alert_id) : undefined;
    return {
      id: row.id,
      ...(JSON.parse(row.data) as ManualAlertInput),
      orgId: Number(row.org_id),
      state: row.state,
      author: row.author,
      createdAt: row.created_at,
      reviewer: row.reviewer,
      reviewedAt: row.reviewed_at,
      reviewComment: row.review_comment,
      cancelledBy: row.cancelled_by,
      cancelledAt: row.cancelled_at,
      alertId: row.alert_id,
      alertState: issued
        ? alertState(
            { displayable: issued.displayable === 1, expiresAt: issued.expires_at, endReason: issued.end_reason },
            clock(),
          )
        : null,
    };
  }

  async function existing(id: string): Promise<ManualAlertRow> {
    const row = await findManualAlert(db, id);
    if (!row) throw new LinliError('NOT_FOUND', `No manual alert '${id}'`);
    return row;
  }

  /** The nodes an alert covers: each must exist and lie in the actor's subtree. */
  async function coveredNodes(queryable: Queryable, actor: Actor, orgIds: number[]) {
    const nodes = await listByIds(queryable, orgIds);
    orgIds.forEach((orgId, index) => {
      const node = nodes.find((candidate) => candidate.id === orgId);
      if (!node || !inScope(actor, node.path))
        throw invalid(`/orgIds/${index}`, `organisation ${orgId} is not within yours`);
    });
    return orgIds.map((orgId) => nodes.find((node) => node.id === orgId)!);
  }

  const stateConflict = (row: ManualAlertRow, action: string) =>
    new LinliError('REVIEW_STATE_INVALID', `A manual alert that is ${row.state} cannot be ${action}`);

  return {
    async list(actor) {
      if (!can(actor.role, 'content.view'))
        await audit.deny(actor, 'manual-alert.list', target('*', { id: actor.orgId, path: actor.orgPath }));
      const rows = (await recentManualAlerts(db, LIST_LIMIT)).filter((row) => mayRead(actor, row.org_path));
      const views = await Promise.all(rows.map((row) => viewOf(db, row)));
      return {
        alerts: [
          ...views.filter((view) => view.state === 'in-review'),
          ...views.filter((view) => view.state !== 'in-review'),
        ],
      };
    },

    async create(actor, input) {
      const id = `ma-${randomUUID().slice(0, 13)}`;
      await audit.authorize(
        actor,
        'content.edit',
        'manual-alert.create',
        target(id, { id: actor.orgId, path: actor.orgPath }),
      );
      const cleaned: ManualAlertInput = {
        ...input,
        headline: input.headline.trim(),
        description: input.description.trim(),
        instruction: input.instruction.trim(),
      };
      if (!cleaned.headline) throw invalid('/headline', 'must not be blank');
      if (!cleaned.description) throw invalid('/description', 'must not be blank');
      const now = clock();
      const expiry = expiryProblem(cleaned.expiresAt, now);
      if (expiry) throw invalid('/expiresAt', expiry);
      return db.transaction(async (tx) => {
        await coveredNodes(tx, actor, cleaned.orgIds);
        await insertManualAlert(tx, {
          id,
          org_id: actor.orgId,
          data: JSON.stringify(cleaned),
          author: actor.username,
          created_at: now.toISOString(),
        });
        await audit.record(tx, actor, 'manual-alert.create', target(id, { id: actor.orgId, path: actor.orgPath }), {
          after: cleaned,
        });
        return viewOf(tx, (await findManualAlert(tx, id))!);
      });
    },

    async review(actor, id, decision) {
      const action = decision.approve ? 'manual-alert.approve' : 'manual-alert.reject';
      const seen = await existing(id);
      const office = { id: Number(seen.org_id), path: seen.org_path };
      await audit.authorizeChange(actor, 'content.review', action, target(id, office));
      if (seen.state !== 'in-review') throw stateConflict(seen, decision.approve ? 'approved' : 'rejected');
      const now = clock();
      const comment = decision.comment?.trim() || null;
      if (!decision.approve) {
        return db.transaction(async (tx) => {
          const moved = await moveManualAlert(tx, id, 'in-review', 'rejected', {
            reviewer: actor.username,
            reviewed_at: now.toISOString(),
            review_comment: comment,
          });
          if (!moved) throw stateConflict((await findManualAlert(tx, id))!, 'rejected');
          await audit.record(tx, actor, action, target(id, office), { after: { state: 'rejected', comment } });
          return viewOf(tx, (await findManualAlert(tx, id))!);
        });
      }
      if (seen.author === actor.username)
        await audit.deny(
          actor,
          action,
          target(id, office),
          'Someone other than its author must approve a manual alert',
          'SECOND_PERSON_REQUIRED',
        );
      const input = JSON.parse(seen.data) as ManualAlertInput;
      const expiry = expiryProblem(input.expiresAt, now);
      if (expiry) throw invalid('/expiresAt', `${expiry}: reject it and write it again`);

      const sent = capTime(now);
      const { seq, view } = await db.transaction(async (tx) => {
        const moved = await moveManualAlert(tx, id, 'in-review', 'issued', {
          reviewer: actor.username,
          reviewed_at: now.toISOString(),
          review_comment: comment,
          sent,
        });
        if (!moved) throw stateConflict((await findManualAlert(tx, id))!, 'approved');
        const writer = await findOrg(tx, office.id);
        if (!writer) throw new LinliError('NOT_FOUND', `The organisation of manual alert '${id}' is gone`);
        const areas = await coveredNodes(tx, { ...actor, orgPath: office.path }, input.orgIds);
        const xml = writeCapAlert(manualAlertDocument(id, input, writer, areas, sent));
        const issued = await alerts.issueWithin(tx, MANUAL_ALERT_SOURCE, xml, actor.from);
        await linkIssuedAlert(tx, id, issued.receipt.alert.id);
        await audit.record(tx, actor, action, target(id, office), {
          after: { state: 'issued', alertId: issued.receipt.alert.id, orgIds: issued.receipt.alert.orgIds, comment },
        });
        return { seq: issued.seq, view: await viewOf(tx, (await findManualAlert(tx, id))!) };
      });
      alerts.announce(seq);
      return view;
    },

    async cancel(actor, id) {
      const seen = await existing(id);
      const office = { id: Number(seen.org_id), path: seen.org_path };
      // Taking an alert down only lowers the risk: its author may, as may any reviewer.
      await audit.authorizeChange(
        actor,
        seen.author === actor.username ? 'content.edit' : 'content.review',
        'manual-alert.cancel',
        target(id, office),
      );
      if (seen.state !== 'in-review' && seen.state !== 'issued') throw stateConflict(seen, 'cancelled');
      const now = clock();
      const { seq, view } = await db.transaction(async (tx) => {
        const next = seen.state === 'in-review' ? 'withdrawn' : 'cancelled';
        const moved = await moveManualAlert(tx, id, seen.state, next, {
          cancelled_by: actor.username,
          cancelled_at: now.toISOString(),
        });
        if (!moved) throw stateConflict((await findManualAlert(tx, id))!, 'cancelled');
        let seq = 0;
        const issued = seen.alert_id ? await findAlert(tx, seen.alert_id) : undefined;
        if (issued) {
          const input = JSON.parse(seen.data) as ManualAlertInput;
          const xml = writeCapAlert(manualCancelDocument({ ...issued, exercise: input.exercise }, capTime(now)));
          seq = (await alerts.issueWithin(tx, MANUAL_ALERT_SOURCE, xml, actor.from)).seq;
        }
        await audit.record(tx, actor, 'manual-alert.cancel', target(id, office), {
          before: { state: seen.state },
          after: { state: next },
        });
        return { seq, view: await viewOf(tx, (await findManualAlert(tx, id))!) };
      });
      alerts.announce(seq);
      return view;
    },
  };
}
