/**
 * Deadlines for residents' cases (咨询、求助、投诉、举报、建议) as data: each rule says, for the cases it
 * matches by nature, urgency and category, how soon a case must be dispatched (hours), signed for,
 * replied to and closed (working days, counted from the next day), how far an extension may reach,
 * and how many working days before a limit the yellow warning shows. Cities differ: the rules are a
 * file, not code.
 */
import Type from 'typebox';

export const CASE_NATURES = ['consultation', 'help', 'complaint', 'report', 'suggestion'] as const;
export type CaseNature = (typeof CASE_NATURES)[number];
export const CASE_URGENCIES = ['urgent', 'normal'] as const;
export type CaseUrgency = (typeof CASE_URGENCIES)[number];

const WorkingDays = Type.Integer({ minimum: 0, maximum: 60 });

export const DeadlineRule = Type.Object(
  {
    /** Unset: any. */
    nature: Type.Optional(Type.Enum(CASE_NATURES)),
    urgency: Type.Optional(Type.Enum(CASE_URGENCIES)),
    /** A category path or its start, e.g. "city/sanitation" matches "city/sanitation/garbage". */
    categoryPrefix: Type.Optional(Type.String({ pattern: '^[a-z0-9-]+(/[a-z0-9-]+)*$', maxLength: 120 })),
    dispatchHours: Type.Integer({ minimum: 1, maximum: 240 }),
    signWorkingDays: WorkingDays,
    /** 0: the same working day. */
    replyWorkingDays: WorkingDays,
    closeWorkingDays: WorkingDays,
    extensionMaxWorkingDays: WorkingDays,
    warnWorkingDays: Type.Integer({ minimum: 0, maximum: 10 }),
  },
  { additionalProperties: false },
);
export type DeadlineRule = Type.Static<typeof DeadlineRule>;

export const DeadlineRules = Type.Object(
  { rules: Type.Array(DeadlineRule, { minItems: 1, maxItems: 500 }) },
  { additionalProperties: false },
);
export type DeadlineRules = Type.Static<typeof DeadlineRules>;

/** A case's limits: dispatch by an instant; the rest by the end of a working day (Beijing dates). */
export interface CaseDeadlines {
  dispatchBy: string;
  signBy: string;
  replyBy: string;
  closeBy: string;
  /** The latest an approved extension may move the reply to. */
  extensionLatest: string;
}

/** ok: in time; yellow: the limit is within the warning's working days; red: past it. */
export type DeadlineLight = 'ok' | 'yellow' | 'red';
