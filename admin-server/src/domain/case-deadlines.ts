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
