/**
 * Sends forwarded cases to the city platform (市民心声/12345) from the case_forwards table, where
 * the forward step put them in its own transaction: nothing forwarded is lost to a crash. Each
 * round claims what is due (so two servers never send one twice at once), sends it with the
 * resident's contact — the platform calls them back — and keeps the platform's id for its
 * updates. A platform that cannot be reached gets the case again after a growing pause (30 s
 * doubling, at most an hour), for as long as it takes; one that refuses it marks it failed, shown
 * on the case.
 */
import { LinliError, type CaseLocation, type CityForward, type CityUpdate } from '@linli/protocol';
import type { CityPlatform } from '../city/city-platform';
import type { Database } from '../db/database';
import type { CaseRules } from './case-rules';
import type { Clock } from './clock';

export interface CaseForwarding {
  /** Sends what is due; answers how many the platform took. */
  sendDue(): Promise<number>;
  /**
   * For a platform that is asked rather than posting its updates (Open311): the forwarded cases it
   * has closed are closed here with its words. Answers how many.
   */
  syncStatuses(): Promise<number>;
}

type DueRow = {
  case_id: number;
  attempts: number;
  next_attempt_at: string;
  tracking: string;
  nature: CityForward['nature'];
  category: string;
  urgency: CityForward['urgency'];
  description: string;
  location: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  received_at: string;
  reply_by: string;
  org_name: string;
  org_code: string;
};

const BATCH = 20;
/** How long a claimed case waits before another round may try it (a send that never returned). */
const CLAIM_MS = 60_000;
const backoffMs = (attempts: number) => Math.min(30_000 * 2 ** (attempts - 1), 3_600_000);

export function createCaseForwarding(deps: {
  db: Database;
  clock: Clock;
  platform: CityPlatform;
  rules: CaseRules;
  log: (message: string) => void;
  /** How an update from the platform moves the case (cases.cityUpdate). */
  applyUpdate: (update: CityUpdate) => Promise<void>;
}): CaseForwarding {
  const { db, clock, platform } = deps;
  let running: Promise<number> | undefined;

  const payloadOf = (row: DueRow): CityForward => ({
    tracking: row.tracking,
    nature: row.nature,
    category: row.category,
    categoryName: deps.rules.category(row.category)?.names['zh-Hans'] ?? row.category,
    urgency: row.urgency,
    description: row.description,
    ...(row.location ? { location: JSON.parse(row.location) as CaseLocation } : {}),
    ...(row.contact_name || row.contact_phone
      ? {
          contact: {
            ...(row.contact_name ? { name: row.contact_name } : {}),
            ...(row.contact_phone ? { phone: row.contact_phone } : {}),
          },
        }
      : {}),
    receivedAt: row.received_at,
    replyBy: row.reply_by,
    takenAt: { name: row.org_name, code: row.org_code },
  });

  const round = async () => {
    const now = clock();
    const due = await db.all<DueRow>(
      `SELECT f.case_id, f.attempts, f.next_attempt_at, c.tracking, c.nature, c.category, c.urgency, c.description,
         c.location, c.contact_name, c.contact_phone, c.received_at, c.reply_by, o.name AS org_name, o.code AS org_code
       FROM case_forwards f JOIN cases c ON c.id = f.case_id JOIN org_nodes o ON o.id = c.org_id
       WHERE f.state = 'pending' AND f.next_attempt_at <= ? ORDER BY f.next_attempt_at LIMIT ?`,
      [now.toISOString(), BATCH],
    );
    let sent = 0;
    for (const row of due) {
      const claimed = await db.run(
        "UPDATE case_forwards SET next_attempt_at = ? WHERE case_id = ? AND state = 'pending' AND next_attempt_at = ?",
        [new Date(now.getTime() + CLAIM_MS).toISOString(), row.case_id, row.next_attempt_at],
      );
      if (claimed.changes === 0) continue;
      try {
        const externalId = await platform.forward(payloadOf(row));
        await db.run(
          "UPDATE case_forwards SET state = 'sent', external_id = ?, sent_at = ?, last_error = NULL WHERE case_id = ?",
          [externalId, clock().toISOString(), row.case_id],
        );
        sent++;
      } catch (error) {
        const coded = error instanceof LinliError ? error : new LinliError('CITY_PLATFORM_UNAVAILABLE', String(error));
        const attempts = Number(row.attempts) + 1;
        if (coded.code === 'CITY_PLATFORM_REFUSED')
          await db.run("UPDATE case_forwards SET state = 'failed', attempts = ?, last_error = ? WHERE case_id = ?", [
            attempts,
            coded.message,
            row.case_id,
          ]);
        else
          await db.run('UPDATE case_forwards SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE case_id = ?', [
            attempts,
            new Date(clock().getTime() + backoffMs(attempts)).toISOString(),
            coded.message,
            row.case_id,
          ]);
        // The case's number only: what the resident said stays with the case.
        deps.log(`case ${row.tracking} not forwarded (${coded.code}), attempt ${attempts}`);
      }
    }
    return sent;
  };

  return {
    async syncStatuses() {
      if (!platform.statusOf) return 0;
      const open = await db.all<{ tracking: string; external_id: string }>(
        `SELECT c.tracking, f.external_id FROM case_forwards f JOIN cases c ON c.id = f.case_id
          WHERE f.state = 'sent' AND c.state NOT IN ('closed', 'not-accepted') ORDER BY f.sent_at LIMIT 100`,
      );
      let closed = 0;
      for (const row of open) {
        const status = await platform.statusOf(row.external_id);
        if (!status?.closed) continue;
        await deps.applyUpdate({
          tracking: row.tracking,
          externalId: row.external_id,
          status: 'closed',
          ...(status.notes.trim() && { text: status.notes.trim().slice(0, 4000) }),
        });
        closed++;
      }
      return closed;
    },
    sendDue() {
      // One round at a time; a call meanwhile shares it.
      running ??= round().finally(() => {
        running = undefined;
      });
      return running;
    },
  };
}
