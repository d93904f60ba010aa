/**
 * Usage events → the increments of their daily facts (pure). Each event counts on its Beijing day
 * for its device, and for its device's node and every node above it (so a subtree's figures are
 * one row per day and kind at its top node, read without a join, whatever the subtree's size);
 * events that name a subject also count per subject and month at those nodes. The increments are
 * summed and sorted by key, so a batch writes each fact once, and concurrent batches lock the facts
 * they share in the same order.
 */
import { SUBJECT_KINDS, type UsageKind } from '@linli/protocol';
import { beijingDate } from '../bills/beijing-time';

const DAY_MS = 86_400_000;

export interface CountedEvent {
  kind: UsageKind;
  /** Milliseconds since the epoch. */
  at: number;
  subject: string | undefined;
  value: number;
}

export interface UsageIncrements {
  deviceDays: Array<{ day: string; kind: UsageKind; count: number }>;
  nodeDays: Array<{ orgId: number; day: string; kind: UsageKind; count: number }>;
  nodeSubjects: Array<{ orgId: number; month: string; kind: UsageKind; subject: string; count: number }>;
}

function summed<T extends { count: number }>(entries: Map<string, T>): T[] {
  return [...entries.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, entry]) => entry);
}

function add<T extends { count: number }>(entries: Map<string, T>, key: string, entry: T): void {
  const held = entries.get(key);
  if (held) held.count += entry.count;
  else entries.set(key, entry);
}

/** The facts a device's events add to, at its node and the nodes above (`nodeIds`, root first). */
export function usageIncrements(events: CountedEvent[], nodeIds: number[]): UsageIncrements {
  const deviceDays = new Map<string, UsageIncrements['deviceDays'][number]>();
  const nodeDays = new Map<string, UsageIncrements['nodeDays'][number]>();
  const nodeSubjects = new Map<string, UsageIncrements['nodeSubjects'][number]>();
  for (const event of events) {
    const day = beijingDate(new Date(event.at));
    const { kind, value: count } = event;
    add(deviceDays, `${day}|${kind}`, { day, kind, count });
    for (const orgId of nodeIds) {
      add(nodeDays, `${orgId}|${day}|${kind}`, { orgId, day, kind, count });
      if (event.subject !== undefined && SUBJECT_KINDS.has(kind)) {
        const month = day.slice(0, 7);
        add(nodeSubjects, `${orgId}|${month}|${kind}|${event.subject}`, {
          orgId,
          month,
          kind,
          subject: event.subject,
          count,
        });
      }
    }
  }
  return { deviceDays: summed(deviceDays), nodeDays: summed(nodeDays), nodeSubjects: summed(nodeSubjects) };
}

export const USAGE_MAX_PERIOD_DAYS = 366;

export interface UsagePeriod {
  from: string;
  to: string;
  /** Every day from `from` to `to`. */
  days: string[];
  /** The months the period touches ('YYYY-MM'), for the monthly subject facts. */
  months: string[];
  /** The period of the same length just before. */
  previous: { from: string; to: string };
}

/** The days of a period of whole Beijing days; undefined when `to` is before `from` or it is too long. */
export function usagePeriod(from: string, to: string): UsagePeriod | { problem: string } {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  if (Number.isNaN(start) || Number.isNaN(end)) return { problem: 'not a date' };
  if (end < start) return { problem: 'must not be before from' };
  const length = (end - start) / DAY_MS + 1;
  if (length > USAGE_MAX_PERIOD_DAYS) return { problem: `at most ${USAGE_MAX_PERIOD_DAYS} days after from` };
  const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const days = Array.from({ length }, (_, index) => dayOf(start + index * DAY_MS));
  return {
    from,
    to,
    days,
    months: [...new Set(days.map((day) => day.slice(0, 7)))],
    previous: { from: dayOf(start - length * DAY_MS), to: dayOf(start - DAY_MS) },
  };
}
