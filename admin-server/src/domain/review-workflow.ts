/** The review workflow as a table: which action is allowed in which state, and where it leads. */
import { LinliError, type ReviewState } from '@linli/protocol';

export type ReviewAction = 'edit' | 'submit' | 'approve' | 'publish' | 'reject' | 'withdraw';

const TRANSITIONS: Record<ReviewAction, Partial<Record<ReviewState, ReviewState>>> = {
  // Editing an approved item starts a new draft; the approved version stays live until replaced.
  edit: { draft: 'draft', 'in-review': 'draft', approved: 'draft', withdrawn: 'draft' },
  submit: { draft: 'in-review' },
  approve: { 'in-review': 'approved' },
  // A reviewer publishing their own work: no second person is asked for (guides).
  publish: { draft: 'approved', 'in-review': 'approved', withdrawn: 'approved' },
  reject: { 'in-review': 'draft' },
  withdraw: { draft: 'withdrawn', 'in-review': 'withdrawn', approved: 'withdrawn' },
};

const DONE: Record<ReviewAction, string> = {
  edit: 'edited',
  submit: 'submitted',
  approve: 'approved',
  publish: 'published',
  reject: 'rejected',
  withdraw: 'withdrawn',
};

/** The state after `action`, or REVIEW_STATE_INVALID naming what is allowed; `noun` names the item in the message. */
export function nextReviewState(state: ReviewState, action: ReviewAction, noun: string): ReviewState {
  const next = TRANSITIONS[action][state];
  if (!next) {
    const allowed = Object.keys(TRANSITIONS[action]).join(', ');
    throw new LinliError(
      'REVIEW_STATE_INVALID',
      `A ${noun} that is ${state} cannot be ${DONE[action]}; allowed from: ${allowed}`,
    );
  }
  return next;
}

/** A save or review made on `base` while `current` is the newest version: the caller reloads. */
export function editConflict(noun: string, id: string, current: number, base: number): LinliError {
  return new LinliError(
    'EDIT_CONFLICT',
    `${noun} '${id}' is at version ${current} now; this was done on version ${base}. Reload it and try again.`,
    [{ path: '/version', message: `is ${current}, not ${base}` }],
  );
}
