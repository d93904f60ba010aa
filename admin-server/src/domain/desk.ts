/**
 * The clerk desk: a clerk (desk.serve) signs in at an enrolled kiosk-app running in its desk
 * profile — on a community PC, at a node their rights cover or above them — and serves residents
 * there: the 咨询台账 (each consultation with its topic, category and outcome; the resident's name
 * and phone, when given, stored masked only), the forms printed for residents (counted, never their
 * contents) and today's counts. Bills asked at the desk go through the gateway as the clerk's
 * (http/bill-routes). The session is the clerk's admin session, held by the desk's host; every
 * call also carries the device's own credentials.
 */
import {
  LinliError,
  type CaseNature,
  type Consultation,
  type ConsultationCategory,
  type ConsultationInput,
  type DeskClerk,
  type DeskCounts,
  type DeskPrint,
  type DeskToday,
} from '@linli/protocol';
import { beijingDate } from '../bills/beijing-time';
import type { Database, SqlValue } from '../db/database';
import { findOrg } from '../db/org-store';
import type { Actor } from './actor';
import type { AuditService } from './audit';
import type { CaseService } from './cases';
import type { Clock } from './clock';
import type { DeviceService } from './devices';
import type { SignInService } from './sign-in';

/** A clerk at a desk: who, and the node of the desk they serve at. */
export interface DeskCaller {
  actor: Actor;
  deviceId: string;
  orgId: number;
  orgPath: string;
  orgName: string;
}

export interface Desk {
  /** Signs a clerk in at a desk; refused (and the session ended) when they may not serve there. */
  signIn(
    deviceId: string,
    request: { username: string; password: string; totp?: string; from: string },
  ): Promise<{
    clerk: DeskClerk;
    token: string;
  }>;
  /** The clerk of a desk call: the session must be live and still allowed at this desk. */
  caller(deviceId: string, token: string | undefined, from: string): Promise<DeskCaller>;
  signOut(token: string | undefined): Promise<void>;
  record(caller: DeskCaller, input: ConsultationInput): Promise<Consultation>;
  printed(caller: DeskCaller, print: DeskPrint): Promise<void>;
  today(caller: DeskCaller): Promise<DeskToday>;
}

/** A case taken at a desk, as the ledger shows it; the register step's note says where it was to go. */
type LedgerRow = {
  id: number;
  received_at: string;
  created_by: string;
  description: string;
  nature: CaseNature;
  category: string;
  answered_on_spot: number;
  forwarded_to: string | null;
  name_masked: string | null;
  phone_masked: string | null;
};

/** The ledger's categories in the case catalogue: the guide categories are its 政务办事 branch. */
const caseCategoryOf = (category: ConsultationCategory) =>
  category === 'bills'
    ? 'utilities/bills'
    : category === 'complaint' || category === 'other'
      ? 'other'
      : `affairs/${category}`;

const ledgerCategoryOf = (nature: CaseNature, category: string): ConsultationCategory =>
  category === 'utilities/bills'
    ? 'bills'
    : category.startsWith('affairs/')
      ? (category.slice('affairs/'.length) as ConsultationCategory)
      : nature === 'complaint'
        ? 'complaint'
        : 'other';

const consultationOf = (row: LedgerRow): Consultation => ({
  id: Number(row.id),
  at: row.received_at,
  clerk: row.created_by,
  topic: row.description,
  category: ledgerCategoryOf(row.nature, row.category),
  outcome: row.answered_on_spot === 1 ? 'answered' : 'forwarded',
  ...(row.forwarded_to ? { forwardedTo: row.forwarded_to } : {}),
  ...(row.name_masked ? { residentMasked: row.name_masked } : {}),
  ...(row.phone_masked ? { phoneMasked: row.phone_masked } : {}),
});

/** What the desk says it told the resident when the clerk wrote nothing more. */
const ANSWERED_ON_THE_SPOT = '已当场答复';

const LEDGER = `SELECT c.id, c.received_at, c.created_by, c.description, c.nature, c.category, c.answered_on_spot,
    c.name_masked, c.phone_masked, s.note AS forwarded_to
  FROM cases c LEFT JOIN case_steps s ON s.case_id = c.id AND s.action = 'register'`;

export function createDesk(deps: {
  db: Database;
  clock: Clock;
  audit: AuditService;
  signIn: SignInService;
  devices: DeviceService;
  cases: CaseService;
}): Desk {
  const { db, clock, audit } = deps;

  /** The desk's node, and whether the clerk may serve there: their subtree, or a node above them (a grid clerk at the community hall). */
  const serving = async (deviceId: string, actor: Actor): Promise<DeskCaller> => {
    const audience = await deps.devices.audience(deviceId);
    if (audience.kind !== 'kiosk') throw new LinliError('FORBIDDEN', 'Only a kiosk app in its desk profile is a desk');
    const orgId = Number(audience.orgPath.split('/').filter(Boolean).at(-1));
    const org = (await findOrg(db, orgId))!;
    const target = { type: 'device', id: deviceId, orgId, orgPath: audience.orgPath };
    if (!audience.orgPath.startsWith(actor.orgPath) && !actor.orgPath.startsWith(audience.orgPath))
      await audit.deny(actor, 'desk.sign-in', target, `${actor.username} does not serve at ${org.name}`);
    await audit.authorize(actor, 'desk.serve', 'desk.sign-in', {
      ...target,
      // A clerk placed below the hall's node serves there too: their own node stands for it.
      orgPath: audience.orgPath.startsWith(actor.orgPath) ? audience.orgPath : actor.orgPath,
    });
    return { actor, deviceId, orgId, orgPath: audience.orgPath, orgName: org.name };
  };

  /** A day's counts at a node: everyone's, or one clerk's. */
  const counts = async (orgPath: string, day: string, clerk?: string): Promise<DeskCounts> => {
    const params: SqlValue[] = [orgPath, day, ...(clerk ? [clerk] : [])];
    const consulted = await db.get<{ total: number; answered: number }>(
      `SELECT COUNT(*) AS total, COALESCE(SUM(answered_on_spot), 0) AS answered FROM cases
        WHERE channel = 'desk' AND org_path = ? AND day = ?${clerk ? ' AND created_by = ?' : ''}`,
      params,
    );
    const prints = await db.get<{ total: number }>(
      `SELECT COUNT(*) AS total FROM desk_prints WHERE org_path = ? AND day = ?${clerk ? ' AND clerk = ?' : ''}`,
      params,
    );
    const total = Number(consulted?.total ?? 0);
    const answered = Number(consulted?.answered ?? 0);
    return { consultations: total, answered, forwarded: total - answered, prints: Number(prints?.total ?? 0) };
  };

  return {
    async signIn(deviceId, request) {
      const { token, expiresAt } = await deps.signIn.signIn(request);
      try {
        const session = await deps.signIn.session(token);
        const caller = await serving(deviceId, { ...session.actor, from: request.from });
        return {
          token,
          clerk: {
            username: session.actor.username,
            displayName: session.displayName,
            role: session.actor.role,
            orgName: caller.orgName,
            expiresAt: expiresAt.toISOString(),
          },
        };
      } catch (error) {
        await deps.signIn.signOut(token);
        throw error;
      }
    },

    async caller(deviceId, token, from) {
      const session = await deps.signIn.session(token);
      return serving(deviceId, { ...session.actor, from });
    },

    signOut: (token) => deps.signIn.signOut(token),

    async record(caller, input) {
      const topic = input.topic.trim();
      const problems = [
        ...(topic ? [] : [{ path: '/topic', message: 'must not be blank' }]),
        ...(input.outcome === 'forwarded' && !input.forwardedTo?.trim()
          ? [{ path: '/forwardedTo', message: 'say where it was forwarded' }]
          : []),
      ];
      if (problems.length > 0)
        throw new LinliError('VALIDATION_FAILED', `${problems[0]!.path}: ${problems[0]!.message}`, problems);
      // A consultation is a case taken at the desk: answered there it is closed at once; forwarded,
      // it waits for 受理 like any other, with where the clerk would send it on its first step.
      const receipt = await deps.cases.register(
        {
          channel: 'desk',
          by: caller.actor.username,
          from: caller.actor.from,
          orgId: caller.orgId,
          orgPath: caller.orgPath,
          deviceId: caller.deviceId,
          ...(input.outcome === 'forwarded' && { note: input.forwardedTo!.trim() }),
        },
        {
          nature: input.category === 'complaint' ? 'complaint' : 'consultation',
          category: caseCategoryOf(input.category),
          description: topic,
          ...((input.residentName?.trim() || input.residentPhone) && {
            contact: {
              ...(input.residentName?.trim() && { name: input.residentName.trim() }),
              ...(input.residentPhone && { phone: input.residentPhone }),
            },
          }),
          ...(input.outcome === 'answered' && { answer: input.answer?.trim() || ANSWERED_ON_THE_SPOT }),
        },
      );
      return consultationOf((await db.get<LedgerRow>(`${LEDGER} WHERE c.id = ?`, [receipt.id]))!);
    },

    async printed(caller, print) {
      const now = clock();
      await db.transaction(async (tx) => {
        const row = await tx.get<{ id: number }>(
          `INSERT INTO desk_prints (org_id, org_path, device_id, clerk, form_id, at, day)
           VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
          [
            caller.orgId,
            caller.orgPath,
            caller.deviceId,
            caller.actor.username,
            print.formId,
            now.toISOString(),
            beijingDate(now),
          ],
        );
        await audit.record(
          tx,
          caller.actor,
          'desk.print',
          { type: 'form', id: print.formId, orgId: caller.orgId, orgPath: caller.orgPath },
          { after: { print: Number(row!.id), device: caller.deviceId } },
        );
      });
    },

    async today(caller) {
      const day = beijingDate(clock());
      const recent = await db.all<LedgerRow>(
        `${LEDGER} WHERE c.channel = 'desk' AND c.org_path = ? AND c.day = ? AND c.created_by = ? ORDER BY c.id DESC LIMIT 20`,
        [caller.orgPath, day, caller.actor.username],
      );
      return {
        date: day,
        mine: await counts(caller.orgPath, day, caller.actor.username),
        here: await counts(caller.orgPath, day),
        recent: recent.map(consultationOf),
      };
    },
  };
}
