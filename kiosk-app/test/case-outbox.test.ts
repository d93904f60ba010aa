/**
 * The kiosk's outbox of residents' cases and its sender: a case is stored before it is sent, kept
 * across a restart while the server is away, sent under the same clientId until the server has
 * it, and then holds no word of what the resident said; a case the server refuses is marked with
 * the server's reason and not sent again; a kiosk-level failure (its credentials) keeps it queued.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { LinliError, uuidV7, type CaseInput, type CaseReceipt } from '@linli/protocol';
import type { Timers } from '../host/lifecycle/timers';
import type { CaseClient } from '../host/cases/case-client';
import { openCaseOutbox } from '../host/cases/case-outbox';
import { createCaseSender } from '../host/cases/case-sender';

const COMPLAINT: CaseInput = {
  nature: 'complaint',
  category: 'sanitation/garbage',
  description: '垃圾桶三天没有清运',
  contact: { name: '张小三', phone: '13812345678' },
};

/** Retries fire when the test says so: nothing waits on the clock. */
function manualTimers(): Timers & { fire(): void; pending(): number } {
  let due: (() => void)[] = [];
  return {
    sleep: () => new Promise<void>(() => undefined),
    after(_ms, run) {
      due.push(run);
      return () => {
        due = due.filter((entry) => entry !== run);
      };
    },
    every: () => () => undefined,
    fire() {
      const now = due;
      due = [];
      for (const run of now) run();
    },
    pending: () => due.length,
  };
}

/** An admin server that keeps cases by clientId (a repeat answers the first case), or is away. */
function server() {
  const state = { down: false, refuse: undefined as LinliError | undefined, sent: [] as CaseInput[] };
  const cases = new Map<string, CaseReceipt>();
  const client: CaseClient = {
    catalogue: async () => assert.fail('not asked'),
    addresses: async () => assert.fail('not asked'),
    status: async () => assert.fail('not asked'),
    async submit(input) {
      if (state.down) throw new LinliError('SERVER_UNREACHABLE', 'Cannot reach the admin server');
      if (state.refuse) throw state.refuse;
      state.sent.push(input);
      const known = cases.get(input.clientId!);
      if (known) return { ...known, duplicate: true };
      const receipt: CaseReceipt = {
        tracking: `2612050000${String(cases.size + 1).padStart(2, '0')}`,
        code: 'AbCdEfGhIj',
        state: 'registered',
        receivedAt: '2026-12-05T02:00:00.000Z',
        replyBy: '2026-12-22',
        duplicate: false,
      };
      cases.set(input.clientId!, receipt);
      return receipt;
    },
  };
  return { state, client, cases };
}

const tempFile = (t: { after(fn: () => void): void }) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'linli-outbox-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return path.join(dir, 'cases.sqlite');
};

test('a case given while the server is away is kept across a restart and sent, once, when it returns', async (t) => {
  const file = tempFile(t);
  const admin = server();
  admin.state.down = true;
  const timers = manualTimers();
  let outbox = openCaseOutbox(file);
  let changes = 0;
  const senderFor = (box: typeof outbox) =>
    createCaseSender({ outbox: box, client: admin.client, timers, log: () => undefined, onChange: () => changes++ });
  const first = uuidV7();
  outbox.add({ clientId: first, input: COMPLAINT, queuedAt: '2026-12-05T02:00:00.000Z' });
  await senderFor(outbox).send();
  assert.equal(outbox.get(first)?.state, 'queued');
  assert.equal(timers.pending(), 1, 'a retry is waiting');

  // The kiosk restarts (the retry never fired); the case is still there, and a second joins it.
  outbox.close();
  outbox = openCaseOutbox(file);
  t.after(() => outbox.close());
  const second = uuidV7();
  outbox.add({ clientId: second, input: { ...COMPLAINT, nature: 'suggestion' }, queuedAt: '2026-12-05T02:01:00.000Z' });
  assert.deepEqual(
    outbox.queued().map((item) => item.clientId),
    [first, second],
  );

  admin.state.down = false;
  const sender = senderFor(outbox);
  await sender.send();
  assert.deepEqual([outbox.get(first)?.state, outbox.get(second)?.state], ['sent', 'sent']);
  assert.equal(outbox.get(first)?.tracking, '261205000001');
  assert.equal(changes, 2);
  // Sent under their clientIds, in the order given; sending again (a lost reply) changes nothing.
  assert.deepEqual(
    admin.state.sent.map((input) => input.clientId),
    [first, second],
  );
  await sender.send();
  assert.equal(admin.cases.size, 2);

  // Nothing the resident said stays on the kiosk once the server has it.
  const raw = new BetterSqlite3(file, { readonly: true });
  t.after(() => raw.close());
  const text = JSON.stringify(raw.prepare('SELECT * FROM outbox').all());
  for (const said of ['13812345678', '张小三', '垃圾桶']) assert.ok(!text.includes(said), said);
});

test('a case the server refuses is marked with its reason and not sent again; a kiosk fault keeps it queued', async (t) => {
  const admin = server();
  const timers = manualTimers();
  const outbox = openCaseOutbox(tempFile(t));
  t.after(() => outbox.close());
  const sender = createCaseSender({
    outbox,
    client: admin.client,
    timers,
    log: () => undefined,
    onChange: () => undefined,
  });
  const refused = uuidV7();
  outbox.add({ clientId: refused, input: COMPLAINT, queuedAt: '2026-12-05T02:00:00.000Z' });
  admin.state.refuse = new LinliError('CASE_CATEGORY_UNKNOWN', 'No category sanitation/garbage');
  await sender.send();
  assert.deepEqual(outbox.get(refused)?.error, {
    code: 'CASE_CATEGORY_UNKNOWN',
    message: 'No category sanitation/garbage',
  });
  assert.equal(outbox.get(refused)?.input, undefined);
  assert.equal(timers.pending(), 0);

  const kept = uuidV7();
  outbox.add({ clientId: kept, input: COMPLAINT, queuedAt: '2026-12-05T02:05:00.000Z' });
  admin.state.refuse = new LinliError('DEVICE_UNKNOWN', 'Unknown or revoked device');
  await sender.send();
  assert.equal(outbox.get(kept)?.state, 'queued');
  admin.state.refuse = undefined;
  timers.fire();
  await sender.send();
  assert.equal(outbox.get(kept)?.state, 'sent');
});

test('client ids are UUID version 7, ordered by time', () => {
  const earlier = uuidV7(Date.parse('2026-12-05T02:00:00Z'));
  const later = uuidV7(Date.parse('2026-12-05T02:00:00.001Z'));
  assert.match(earlier, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.ok(earlier < later);
  assert.equal(
    earlier.slice(0, 13).replace('-', ''),
    Date.parse('2026-12-05T02:00:00Z').toString(16).padStart(12, '0'),
  );
});
