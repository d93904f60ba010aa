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
  maskName,
  maskPhone,
  type Consultation,
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

type ConsultationRow = {
  id: number;
  at: string;
  clerk: string;
  topic: string;
  category: Consultation['category'];
  outcome: Consultation['outcome'];
  forwarded_to: string | null;
  resident_masked: string | null;
  phone_masked: string | null;
};

const consultationOf = (row: ConsultationRow): Consultation => ({
  id: Number(row.id),
  at: row.at,
  clerk: row.clerk,
  topic: row.topic,
  category: row.category,
  outcome: row.outcome,
  ...(row.forwarded_to ? { forwardedTo: row.forwarded_to } : {}),
  ...(row.resident_masked ? { residentMasked: row.resident_masked } : {}),
  ...(row.phone_masked ? { phoneMasked: row.phone_masked } : {}),
});

export function createDesk(deps: {
  db: Database;
  clock: Clock;
  audit: AuditService;
  signIn: SignInService;
  devices: DeviceService;
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

  const counts = async (where: string, params: SqlValue[]): Promise<DeskCounts> => {
    const consulted = await db.get<{ total: number; forwarded: number }>(
      `SELECT COUNT(*) AS total, COALESCE(SUM(CASE WHEN outcome = 'forwarded' THEN 1 ELSE 0 END), 0) AS forwarded
         FROM consultations WHERE ${where}`,
      params,
    );
    const prints = await db.get<{ total: number }>(`SELECT COUNT(*) AS total FROM desk_prints WHERE ${where}`, params);
    const total = Number(consulted?.total ?? 0);
    const forwarded = Number(consulted?.forwarded ?? 0);
    return { consultations: total, answered: total - forwarded, forwarded, prints: Number(prints?.total ?? 0) };
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
      const now = clock();
      return db.transaction(async (tx) => {
        const row = await tx.get<ConsultationRow>(
          `INSERT INTO consultations (org_id, org_path, device_id, clerk, at, day, topic, category, outcome,
             forwarded_to, resident_masked, phone_masked)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
          [
            caller.orgId,
            caller.orgPath,
            caller.deviceId,
            caller.actor.username,
            now.toISOString(),
            beijingDate(now),
            topic,
            input.category,
            input.outcome,
            input.outcome === 'forwarded' ? input.forwardedTo!.trim() : null,
            input.residentName?.trim() ? maskName(input.residentName.trim()) : null,
            input.residentPhone ? maskPhone(input.residentPhone) : null,
          ],
        );
        // The trail says that and how it was recorded; what was asked and by whom stays in the ledger.
        await audit.record(
          tx,
          caller.actor,
          'desk.consultation',
          { type: 'consultation', id: String(row!.id), orgId: caller.orgId, orgPath: caller.orgPath },
          { after: { category: input.category, outcome: input.outcome, device: caller.deviceId } },
        );
        return consultationOf(row!);
      });
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
      const recent = await db.all<ConsultationRow>(
        'SELECT * FROM consultations WHERE org_path = ? AND day = ? AND clerk = ? ORDER BY id DESC LIMIT 20',
        [caller.orgPath, day, caller.actor.username],
      );
      return {
        date: day,
        mine: await counts('org_path = ? AND day = ? AND clerk = ?', [caller.orgPath, day, caller.actor.username]),
        here: await counts('org_path = ? AND day = ?', [caller.orgPath, day]),
        recent: recent.map(consultationOf),
      };
    },
  };
}
