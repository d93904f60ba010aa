/**
 * A case's deadlines from the rules file (admin-server/case-rules/deadline-rules.json) and the
 * working-day calendar. Which rule: the one naming the longest category prefix the case's category
 * starts with; among equals, the one naming more of nature and urgency; among equals, the later in
 * the file. Limits in working days count from the day after the case was received and end with
 * that working day (Beijing); 0 is the same day. Pure.
 */
import {
  DeadlineRules,
  LinliError,
  parseWith,
  type CaseDeadlines,
  type CaseLights,
  type CaseState,
  type CaseNature,
  type CaseUrgency,
  type DeadlineLight,
  type DeadlineRule,
  type WorkCalendar,
} from '@linli/protocol';
import { beijingDate } from '../bills/beijing-time';

export interface CaseKind {
  nature: CaseNature;
  urgency: CaseUrgency;
  /** The category's path in the catalogue, e.g. "city/sanitation/garbage". */
  category: string;
}

/** The rules as a file gives them; there must be one that matches every case (no nature, urgency or category). */
export function readDeadlineRules(json: unknown): DeadlineRules {
  const rules = parseWith(DeadlineRules, json, 'VALIDATION_FAILED');
  if (!rules.rules.some((rule) => !rule.nature && !rule.urgency && !rule.categoryPrefix))
    throw new LinliError('VALIDATION_FAILED', 'No rule applies to every case', [
      {
        path: '/rules',
        message: 'add a rule without nature, urgency or categoryPrefix: the one every case falls back on',
      },
    ]);
  return rules;
}

const matches = (rule: DeadlineRule, kind: CaseKind) =>
  (!rule.nature || rule.nature === kind.nature) &&
  (!rule.urgency || rule.urgency === kind.urgency) &&
  (!rule.categoryPrefix ||
    kind.category === rule.categoryPrefix ||
    kind.category.startsWith(`${rule.categoryPrefix}/`));

export function ruleFor(rules: DeadlineRules, kind: CaseKind): DeadlineRule {
  let best: { rule: DeadlineRule; rank: [number, number] } | undefined;
  for (const rule of rules.rules) {
    if (!matches(rule, kind)) continue;
    const rank: [number, number] = [rule.categoryPrefix?.length ?? 0, Number(!!rule.nature) + Number(!!rule.urgency)];
    if (!best || rank[0] > best.rank[0] || (rank[0] === best.rank[0] && rank[1] >= best.rank[1])) best = { rule, rank };
  }
  return best!.rule;
}

export function deadlinesFor(rule: DeadlineRule, calendar: WorkCalendar, receivedAt: Date): CaseDeadlines {
  const received = beijingDate(receivedAt);
  const by = (days: number) => calendar.addWorkingDays(received, days);
  return {
    dispatchBy: new Date(receivedAt.getTime() + rule.dispatchHours * 3_600_000).toISOString(),
    signBy: by(rule.signWorkingDays),
    replyBy: by(rule.replyWorkingDays),
    closeBy: by(rule.closeWorkingDays),
    extensionLatest: by(rule.replyWorkingDays + rule.extensionMaxWorkingDays),
  };
}

/** How a limit (a Beijing date) stands on `today`: red once past, yellow within `warnWorkingDays` of it. */
export function deadlineLight(
  calendar: WorkCalendar,
  limit: string,
  today: string,
  warnWorkingDays: number,
): DeadlineLight {
  if (today > limit) return 'red';
  return calendar.workingDaysBetween(today, limit) <= warnWorkingDays ? 'yellow' : 'ok';
}

/** What a case's light is read from: its state, whether it waits for the resident, and its limits. */
export type CaseTiming = {
  state: CaseState;
  waiting_since: string | null;
  received_at: string;
  dispatch_by: string;
  sign_by: string;
  reply_by: string;
  close_by: string;
  warn_days: number;
};

/** The limit that applies in the case's state now, and its light; none once ended or while waiting for the resident. */
export function caseLights(calendar: WorkCalendar, row: CaseTiming, now: Date): CaseLights | undefined {
  if (row.waiting_since) return undefined;
  const today = beijingDate(now);
  const dated = (limit: CaseLights['limit'], due: string): CaseLights => ({
    limit,
    due,
    light: deadlineLight(calendar, due, today, Number(row.warn_days)),
  });
  switch (row.state) {
    case 'registered':
    case 'accepted': {
      const due = Date.parse(row.dispatch_by);
      const left = due - now.getTime();
      // A quarter of the dispatch window left is the yellow light for an hours-long limit.
      const window = due - Date.parse(row.received_at);
      return {
        limit: 'dispatch',
        due: row.dispatch_by,
        light: left < 0 ? 'red' : left <= window / 4 ? 'yellow' : 'ok',
      };
    }
    case 'dispatched':
      return dated('sign', row.sign_by);
    case 'handling':
      return dated('reply', row.reply_by);
    case 'replied':
    case 'reviewed':
      return dated('close', row.close_by);
    default:
      return undefined;
  }
}
