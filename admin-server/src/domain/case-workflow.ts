/**
 * The case workflow's state table (pure): which action may be taken in which state, where it
 * leads, which permission it needs, on which side of the case the actor must stand, and which
 * fields it needs. The intake side is the node that took the case (受理点: 受理, 派单, 审核, 回访);
 * the handling side is the node it was dispatched to (签收, 办理, 答复, 退单, 延期申请); supervisors
 * (督办, 延期审批, reopening) stand on either.
 */
import {
  LinliError,
  type CaseAction,
  type CaseActionInput,
  type CasePublicState,
  type CaseState,
  type ErrorDetail,
  type Permission,
} from '@linli/protocol';

export type CaseSide = 'intake' | 'handling' | 'either';

/** What the table needs to know of a case besides its state. */
export interface CaseFacts {
  state: CaseState;
  dispatched: boolean;
  extension: 'requested' | 'approved' | 'denied' | undefined;
  waiting: boolean;
  /** A city platform is connected to forward to. */
  cityPlatform: boolean;
}

export interface CaseMove {
  to: CaseState;
  permission: Permission;
  side: CaseSide;
}

const OPEN: readonly CaseState[] = ['registered', 'accepted', 'dispatched', 'handling', 'replied', 'reviewed'];

interface Rule {
  from: readonly CaseState[];
  permission: Permission;
  side: CaseSide;
  needs: readonly ('note' | 'reply' | 'assigneeOrgId' | 'days' | 'approve' | 'satisfaction' | 'mergeInto')[];
  to: (facts: CaseFacts, input: CaseActionInput) => CaseState;
  /** A reason beyond the state why it cannot be done now. */
  refuse?: (facts: CaseFacts) => string | undefined;
}

const stay = (facts: CaseFacts) => facts.state;

const RULES: Record<CaseAction, Rule> = {
  accept: { from: ['registered'], permission: 'case.intake', side: 'intake', needs: [], to: () => 'accepted' },
  'not-accept': {
    from: ['registered'],
    permission: 'case.intake',
    side: 'intake',
    needs: ['note'],
    to: () => 'not-accepted',
  },
  answer: {
    from: ['registered', 'accepted'],
    permission: 'case.intake',
    side: 'intake',
    needs: ['reply'],
    to: () => 'closed',
  },
  dispatch: {
    from: ['accepted'],
    permission: 'case.intake',
    side: 'intake',
    needs: ['assigneeOrgId'],
    to: () => 'dispatched',
  },
  sign: { from: ['dispatched'], permission: 'case.handle', side: 'handling', needs: [], to: () => 'handling' },
  return: {
    from: ['dispatched', 'handling'],
    permission: 'case.handle',
    side: 'handling',
    needs: ['note'],
    to: () => 'accepted',
  },
  progress: { from: ['handling'], permission: 'case.handle', side: 'handling', needs: ['note'], to: stay },
  'request-extension': {
    from: ['handling'],
    permission: 'case.handle',
    side: 'handling',
    needs: ['days', 'note'],
    to: stay,
    refuse: (facts) =>
      facts.extension === 'requested'
        ? 'an extension is already waiting for a decision'
        : facts.extension === 'approved'
          ? 'an extension was already granted'
          : undefined,
  },
  'decide-extension': {
    from: ['handling'],
    permission: 'case.supervise',
    side: 'either',
    needs: ['approve'],
    to: stay,
    refuse: (facts) => (facts.extension === 'requested' ? undefined : 'no extension was requested'),
  },
  reply: { from: ['handling'], permission: 'case.handle', side: 'handling', needs: ['reply'], to: () => 'replied' },
  review: {
    from: ['replied'],
    permission: 'case.intake',
    side: 'intake',
    needs: ['approve'],
    to: (_facts, input) => (input.approve ? 'reviewed' : 'handling'),
  },
  visit: {
    from: ['reviewed'],
    permission: 'case.intake',
    side: 'intake',
    needs: ['satisfaction'],
    to: (_facts, input) => (input.satisfaction === 'dissatisfied' ? 'handling' : 'closed'),
  },
  close: { from: ['reviewed'], permission: 'case.intake', side: 'intake', needs: ['note'], to: () => 'closed' },
  supervise: { from: OPEN, permission: 'case.supervise', side: 'either', needs: ['note'], to: stay },
  reopen: {
    from: ['closed', 'not-accepted'],
    permission: 'case.supervise',
    side: 'either',
    needs: ['note'],
    to: (facts) => (facts.dispatched ? 'handling' : 'accepted'),
  },
  wait: {
    from: ['handling'],
    permission: 'case.handle',
    side: 'handling',
    needs: ['note'],
    to: stay,
    refuse: (facts) => (facts.waiting ? 'the case is already waiting for the resident' : undefined),
  },
  forward: {
    from: ['accepted'],
    permission: 'case.intake',
    side: 'intake',
    needs: [],
    to: () => 'dispatched',
    refuse: (facts) => (facts.cityPlatform ? undefined : 'no city platform is connected'),
  },
  merge: {
    from: ['registered', 'accepted'],
    permission: 'case.intake',
    side: 'intake',
    needs: ['mergeInto'],
    to: () => 'closed',
  },
  resume: {
    from: ['handling'],
    permission: 'case.handle',
    side: 'handling',
    needs: [],
    to: stay,
    refuse: (facts) => (facts.waiting ? undefined : 'the case is not waiting for the resident'),
  },
};

/** Where the action leads from this case, or CASE_STATE_INVALID / VALIDATION_FAILED naming what is missing. */
export function caseMove(facts: CaseFacts, input: CaseActionInput): CaseMove {
  const rule = RULES[input.action];
  const missing: ErrorDetail[] = rule.needs
    .filter((field) => input[field] === undefined)
    .map((field) => ({ path: `/${field}`, message: `${input.action} needs ${field}` }));
  if (input.action === 'review' && input.approve === false && !input.note)
    missing.push({ path: '/note', message: 'say what must be done again' });
  if (missing.length > 0)
    throw new LinliError('VALIDATION_FAILED', `${missing[0]!.path}: ${missing[0]!.message}`, missing);
  if (!rule.from.includes(facts.state))
    throw new LinliError('CASE_STATE_INVALID', `A case that is ${facts.state} cannot be given ${input.action}`);
  const refusal = rule.refuse?.(facts);
  if (refusal) throw new LinliError('CASE_STATE_INVALID', `${input.action}: ${refusal}`);
  return { to: rule.to(facts, input), permission: rule.permission, side: rule.side };
}

/** The actions a case allows now (the admin UI offers these). */
export function caseActionsOpen(facts: CaseFacts): CaseAction[] {
  return (Object.keys(RULES) as CaseAction[]).filter(
    (action) => RULES[action].from.includes(facts.state) && !RULES[action].refuse?.(facts),
  );
}

/** What a case's state means to the resident who asks after it. */
export function publicState(state: CaseState): CasePublicState {
  switch (state) {
    case 'registered':
      return 'received';
    case 'not-accepted':
      return 'not-accepted';
    case 'replied':
    case 'reviewed':
      return 'replied';
    case 'closed':
      return 'closed';
    default:
      return 'in-progress';
  }
}

export const isOpenCase = (state: CaseState) => OPEN.includes(state);
