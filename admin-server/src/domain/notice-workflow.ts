/** The notice workflow as a table: which action is allowed in which state, and where it leads. */
import { LinliError, type NoticeState } from '@linli/protocol';

export type NoticeAction = 'edit' | 'submit' | 'approve' | 'reject' | 'withdraw';

const TRANSITIONS: Record<NoticeAction, Partial<Record<NoticeState, NoticeState>>> = {
  // Editing an approved notice starts a new draft; the approved version stays live until replaced.
  edit: { draft: 'draft', 'in-review': 'draft', approved: 'draft', withdrawn: 'draft' },
  submit: { draft: 'in-review' },
  approve: { 'in-review': 'approved' },
  reject: { 'in-review': 'draft' },
  withdraw: { draft: 'withdrawn', 'in-review': 'withdrawn', approved: 'withdrawn' },
};

const DONE: Record<NoticeAction, string> = { edit: 'edited', submit: 'submitted', approve: 'approved', reject: 'rejected', withdraw: 'withdrawn' };

/** The state after `action`, or NOTICE_STATE_INVALID naming what is allowed. */
export function nextNoticeState(state: NoticeState, action: NoticeAction): NoticeState {
  const next = TRANSITIONS[action][state];
  if (!next) {
    const allowed = Object.keys(TRANSITIONS[action]).join(', ');
    throw new LinliError('NOTICE_STATE_INVALID', `A notice that is ${state} cannot be ${DONE[action]}; allowed from: ${allowed}`);
  }
  return next;
}
