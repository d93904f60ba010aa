/**
 * What each workflow step asks of the person taking it (pure), and the request it becomes. The
 * server's state table (case-workflow) decides which steps a case allows and checks every field
 * again; this only decides which inputs the admin UI shows for a step and leaves blank ones out.
 */
import type { CaseAction, CaseActionInput, CaseSatisfaction } from '@linli/protocol';

export type CaseActionField = 'note' | 'reply' | 'assignee' | 'days' | 'approve' | 'satisfaction' | 'mergeInto';

/** The inputs of each step, in the order they are shown; a step without any is taken at one click. */
const ACTION_FIELDS = {
  accept: [],
  'not-accept': ['note'],
  answer: ['reply'],
  dispatch: ['assignee'],
  sign: [],
  return: ['note'],
  progress: ['note'],
  'request-extension': ['days', 'note'],
  'decide-extension': ['approve', 'note'],
  reply: ['reply'],
  review: ['approve', 'note'],
  visit: ['satisfaction', 'note'],
  close: ['note'],
  supervise: ['note'],
  reopen: ['note'],
  wait: ['note'],
  resume: [],
  forward: [],
  merge: ['mergeInto'],
} as const satisfies Record<CaseAction, readonly CaseActionField[]>;

/** The steps that take a note (each names it in its own words: 退单理由, 督办意见 …). */
export type NoteAction = {
  [A in CaseAction]: 'note' extends (typeof ACTION_FIELDS)[A][number] ? A : never;
}[CaseAction];

export function fieldsOf(action: CaseAction): readonly CaseActionField[] {
  return ACTION_FIELDS[action];
}

/** What the person filled in; text as typed (blank means not given). */
export interface ActionValues {
  note: string;
  reply: string;
  assigneeOrgId?: number;
  assigneeUser: string;
  days: string;
  approve?: boolean;
  satisfaction?: CaseSatisfaction;
  /** The case (by id) this one is merged into, once its tracking number was looked up. */
  mergeInto?: number;
}

export const EMPTY_VALUES: ActionValues = { note: '', reply: '', assigneeUser: '', days: '' };

/**
 * The request for `action` on the version the person saw: only the fields the step takes, blank
 * text left out, so a missing reason is the server's "needs note" said under the note box.
 */
export function actionInput(action: CaseAction, version: number, values: ActionValues): CaseActionInput {
  const has = (field: CaseActionField) => fieldsOf(action).includes(field);
  const text = (value: string) => (value.trim() ? value.trim() : undefined);
  const days = values.days.trim() === '' ? undefined : Number(values.days);
  const input: CaseActionInput = {
    action,
    version,
    note: has('note') ? text(values.note) : undefined,
    reply: has('reply') ? text(values.reply) : undefined,
    assigneeOrgId: has('assignee') ? values.assigneeOrgId : undefined,
    assigneeUser: has('assignee') ? text(values.assigneeUser) : undefined,
    days: has('days') ? days : undefined,
    approve: has('approve') ? values.approve : undefined,
    satisfaction: has('satisfaction') ? values.satisfaction : undefined,
    mergeInto: has('mergeInto') ? values.mergeInto : undefined,
  };
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as CaseActionInput;
}
