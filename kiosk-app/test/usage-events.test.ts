/**
 * The kiosk's usage events: what a visit counts (a search once it is finished, a miss with its words
 * unless they could be a number, the visit once, its language and elder mode), the bridge counting
 * only calls that succeeded and nothing of the resident, and the outbox sent in batches: kept while
 * the server cannot be reached, dropped when it refuses them, gone once it has them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LinliError, type KioskBridge, type MaskedIdCard, type UsageEvent } from '@linli/protocol';
import { createVisitUsage } from '../host/usage/visit-usage';
import { countUsage } from '../host/usage/usage-bridge';
import { openEventOutbox } from '../host/outbox/event-outbox';
import { createBatchUploader } from '../host/outbox/batch-upload';
import type { Timers } from '../host/lifecycle/timers';

test('a search typed letter by letter counts once when finished; a miss keeps its words unless they hold a number', () => {
  const visit = createVisitUsage();
  assert.deepEqual(visit.visitBegan(), [{ kind: 'visit' }]);
  assert.deepEqual(visit.visitBegan(), [], 'the visit goes on after the idle warning: counted once');
  for (const query of ['l', 'lu', 'luo', 'luoh', 'luo'])
    assert.deepEqual(visit.searched(query, 0), [], 'typing on, or back, is the same search');
  assert.deepEqual(visit.searched('落', 0), [{ kind: 'search' }, { kind: 'search-miss', subject: 'luo' }]);
  assert.deepEqual(visit.searched('落户', 0), []);
  // A new search (not the last one typed on) ends the one before: it found nothing.
  assert.deepEqual(visit.searched('社保', 3), [{ kind: 'search' }, { kind: 'search-miss', subject: '落户' }]);
  // Opening a guide ends the search as found.
  assert.deepEqual(visit.guideOpened('shebao-card-loss'), [
    { kind: 'search' },
    { kind: 'guide-view', subject: 'shebao-card-loss' },
  ]);
  visit.searched('3301061990', 0);
  visit.preferences('en', true);
  visit.preferences('zh-Hant', false);
  assert.deepEqual(visit.visitEnded(), [
    { kind: 'search' },
    { kind: 'locale', subject: 'zh-Hant' },
    { kind: 'elder-mode' },
  ]);
  assert.deepEqual(visit.visitEnded(), [], 'a page that starts ends a visit nobody began');
  assert.deepEqual(visit.visitBegan(), [{ kind: 'visit' }]);
  assert.deepEqual(visit.visitEnded(), [{ kind: 'locale', subject: 'zh-Hans' }], 'preferences start afresh');
});

const CARD: MaskedIdCard = {
  kind: 'resident',
  name: '张*三',
  idNumber: '330106********1234',
} as unknown as MaskedIdCard;

/** Timers that never fire by themselves: the test flushes. */
const stillTimers: Timers = {
  sleep: async () => undefined,
  after: () => () => undefined,
  every: () => () => undefined,
};

test('the bridge counts what succeeded, names no resident, and the outbox goes in batches until the server has it', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'linli-usage-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const outbox = openEventOutbox<UsageEvent>(path.join(dir, 'usage.sqlite'), {
    idOf: (event) => event.id,
    synchronous: 'NORMAL',
  });
  t.after(() => outbox.close());
  let cardReads = 0;
  const host = {
    beginVisit: async () => ({}),
    endVisit: async () => ({}),
    notePreferences: async () => ({}),
    searchGuides: async ({ query }: { query: string }) => (query.startsWith('社保') ? [{ id: 'shebao' }] : []),
    getGuide: async ({ id }: { id: string }) => ({ id }),
    readIdCard: async () => {
      cardReads++;
      if (cardReads === 1) throw new LinliError('ID_CARD_TIMEOUT');
      return CARD;
    },
    printForm: async () => ({}),
    queryBill: async () => ({ accountNumber: '0101234567', holder: '张*三' }),
  } as unknown as KioskBridge;
  const bridge = countUsage(host, {
    clock: () => new Date('2026-12-05T02:00:00.000Z'),
    record: (events) => outbox.append(events),
  });
  await bridge.beginVisit({});
  await bridge.notePreferences({ locale: 'zh-Hans', elderMode: true });
  await bridge.searchGuides({ query: '落户' });
  await bridge.searchGuides({ query: '社保' });
  await bridge.getGuide({ id: 'shebao' });
  await assert.rejects(bridge.readIdCard({}), { code: 'ID_CARD_TIMEOUT' });
  await bridge.readIdCard({});
  await bridge.printForm({ formId: 'hukou-form', typed: { phone: '13812345678' } });
  await bridge.queryBill({ utility: 'water', accountNumber: '0101234567' });
  await bridge.endVisit({});

  const stored = outbox.unsent(100);
  assert.deepEqual(
    stored.map((event) => [event.kind, event.subject]),
    [
      ['visit', undefined],
      ['search', undefined],
      ['search-miss', '落户'],
      ['search', undefined],
      ['guide-view', 'shebao'],
      ['id-read', undefined],
      ['form-print', 'hukou-form'],
      ['bill-check', 'water'],
      ['locale', 'zh-Hans'],
      ['elder-mode', undefined],
    ],
  );
  const text = JSON.stringify(stored);
  for (const personal of ['张', '1234', '13812345678', '0101234567'])
    assert.ok(!text.includes(personal), `no ${personal} in the events`);
  assert.equal(new Set(stored.map((event) => event.id)).size, stored.length, 'each event its own id');

  const sent: UsageEvent[][] = [];
  let answer: 'down' | 'refuse' | 'ok' = 'down';
  const logged: string[] = [];
  const uploader = createBatchUploader({
    name: 'usage',
    outbox,
    idOf: (event) => event.id,
    maxBatch: 4,
    upload: async (batch) => {
      if (answer === 'down') throw new LinliError('SERVER_UNREACHABLE');
      sent.push(batch);
      if (answer === 'refuse') throw new LinliError('VALIDATION_FAILED');
      return { stored: batch.length, alreadyStored: 0, tooOld: 0 };
    },
    timers: stillTimers,
    everyMs: 60_000,
    log: (message) => logged.push(message),
  });
  t.after(() => uploader.stop());
  await uploader.flush();
  assert.equal(outbox.pending(), 10, 'kept while the server cannot be reached');
  answer = 'refuse';
  await uploader.flush();
  assert.equal(outbox.pending(), 0, 'a refused batch cannot be sent better: dropped, and the rest goes on');
  assert.ok(logged.some((line) => line.includes('refused by the server (VALIDATION_FAILED)')));
  assert.deepEqual(
    sent.map((batch) => batch.length),
    [4, 4, 2],
    'oldest first, at most the batch size',
  );
  answer = 'ok';
  outbox.append([stored[0]!, stored[1]!]);
  await uploader.flush();
  assert.equal(outbox.pending(), 0);
  assert.deepEqual(sent.at(-1), [stored[0], stored[1]]);
});
