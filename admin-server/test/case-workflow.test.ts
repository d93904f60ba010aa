/**
 * The case workflow's state table: each step leads where the 12345 closed loop says, needs the
 * fields it names, and is refused in a state that does not allow it, with the reason.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LinliError, type CaseActionInput } from '@linli/protocol';
import { caseActionsOpen, caseMove, publicState, type CaseFacts } from '../src/domain/case-workflow';

const facts = (overrides: Partial<CaseFacts> = {}): CaseFacts => ({
  state: 'registered',
  dispatched: false,
  extension: undefined,
  waiting: false,
  cityPlatform: false,
  ...overrides,
});
const act = (input: Omit<CaseActionInput, 'version'>): CaseActionInput => ({ version: 1, ...input });
const refusal = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    assert.ok(error instanceof LinliError);
    return { code: error.code, paths: error.details?.map((detail) => detail.path) ?? [], message: error.message };
  }
  assert.fail('expected a refusal');
};

test('the closed loop: 受理 → 派单 → 签收 → 答复 → 审核 → 回访 → 办结, each on its side with its permission', () => {
  const path: Array<[CaseFacts, Omit<CaseActionInput, 'version'>, string, string, string]> = [
    [facts(), { action: 'accept' }, 'accepted', 'case.intake', 'intake'],
    [facts({ state: 'accepted' }), { action: 'dispatch', assigneeOrgId: 7 }, 'dispatched', 'case.intake', 'intake'],
    [facts({ state: 'dispatched', dispatched: true }), { action: 'sign' }, 'handling', 'case.handle', 'handling'],
    [
      facts({ state: 'handling', dispatched: true }),
      { action: 'reply', reply: '已清运' },
      'replied',
      'case.handle',
      'handling',
    ],
    [
      facts({ state: 'replied', dispatched: true }),
      { action: 'review', approve: true },
      'reviewed',
      'case.intake',
      'intake',
    ],
    [
      facts({ state: 'reviewed', dispatched: true }),
      { action: 'visit', satisfaction: 'satisfied' },
      'closed',
      'case.intake',
      'intake',
    ],
  ];
  for (const [before, input, to, permission, side] of path)
    assert.deepEqual(caseMove(before, act(input)), { to, permission, side }, input.action);
});

test('不满意 at the follow-up, a review sent back and a reopened case all go back to handling', () => {
  const dispatched = { dispatched: true };
  assert.equal(
    caseMove(facts({ state: 'reviewed', ...dispatched }), act({ action: 'visit', satisfaction: 'dissatisfied' })).to,
    'handling',
  );
  assert.equal(
    caseMove(facts({ state: 'replied', ...dispatched }), act({ action: 'review', approve: false, note: '未联系居民' }))
      .to,
    'handling',
  );
  assert.equal(
    caseMove(facts({ state: 'closed', ...dispatched }), act({ action: 'reopen', note: '居民有异议' })).to,
    'handling',
  );
  // Never dispatched (answered on the spot): reopened for 受理 again.
  assert.equal(caseMove(facts({ state: 'closed' }), act({ action: 'reopen', note: '居民有异议' })).to, 'accepted');
  assert.equal(
    caseMove(facts({ state: 'handling', ...dispatched }), act({ action: 'return', note: '不属本单位' })).to,
    'accepted',
  );
});

test('a step without the fields it needs is refused, naming each', () => {
  assert.deepEqual(refusal(() => caseMove(facts({ state: 'accepted' }), act({ action: 'dispatch' }))).paths, [
    '/assigneeOrgId',
  ]);
  assert.deepEqual(refusal(() => caseMove(facts({ state: 'handling' }), act({ action: 'request-extension' }))).paths, [
    '/days',
    '/note',
  ]);
  assert.deepEqual(refusal(() => caseMove(facts(), act({ action: 'not-accept' }))).paths, ['/note']);
  assert.deepEqual(
    refusal(() => caseMove(facts({ state: 'replied' }), act({ action: 'review', approve: false }))).paths,
    ['/note'],
  );
});

test('a step the state does not allow is CASE_STATE_INVALID, with the reason', () => {
  assert.equal(refusal(() => caseMove(facts(), act({ action: 'sign' }))).code, 'CASE_STATE_INVALID');
  assert.equal(
    refusal(() => caseMove(facts({ state: 'closed' }), act({ action: 'supervise', note: '催办' }))).code,
    'CASE_STATE_INVALID',
  );
  const twice = refusal(() =>
    caseMove(
      facts({ state: 'handling', extension: 'requested' }),
      act({ action: 'request-extension', days: 3, note: '待材料' }),
    ),
  );
  assert.match(twice.message, /already waiting for a decision/);
  assert.match(
    refusal(() => caseMove(facts({ state: 'handling' }), act({ action: 'decide-extension', approve: true }))).message,
    /no extension was requested/,
  );
  assert.match(refusal(() => caseMove(facts({ state: 'handling' }), act({ action: 'resume' }))).message, /not waiting/);
});

test('the actions a case offers follow its state and what is pending', () => {
  assert.deepEqual(caseActionsOpen(facts()), ['accept', 'not-accept', 'answer', 'supervise', 'merge']);
  const handling = caseActionsOpen(
    facts({ state: 'handling', dispatched: true, extension: 'requested', waiting: true }),
  );
  assert.ok(handling.includes('decide-extension') && handling.includes('resume'));
  assert.ok(!handling.includes('request-extension') && !handling.includes('wait'));
  assert.deepEqual(caseActionsOpen(facts({ state: 'closed' })), ['reopen']);
});

test('residents see five states: received, not accepted, in progress, replied, closed', () => {
  assert.equal(publicState('registered'), 'received');
  assert.equal(publicState('dispatched'), 'in-progress');
  assert.equal(publicState('handling'), 'in-progress');
  assert.equal(publicState('reviewed'), 'replied');
  assert.equal(publicState('closed'), 'closed');
  assert.equal(publicState('not-accepted'), 'not-accepted');
});
