/** Remote commands: what each one does, what it answers, and that it is answered exactly once. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  COMMAND_EXPIRY_SEC,
  LinliError,
  type CommandKind,
  type CommandResult,
  type DeviceCommand,
} from '@linli/protocol';
import {
  createCommandExecutor,
  IN_VISIT_DETAIL,
  isExpired,
  NO_SCREEN_DETAIL,
  REPORT_ATTEMPTS,
  type CommandExecutorDeps,
} from '../host/commands/command-executor';
import { until } from './until';

const NOW = new Date('2026-11-28T09:00:00.000Z');
const commandOf = (kind: CommandKind, ageSec = 5, id = `cmd-${kind}`): DeviceCommand => ({
  id,
  kind,
  issuedAt: new Date(NOW.getTime() - ageSec * 1000).toISOString(),
});

/** An executor whose effects record what happened, in order. */
function executor(overrides: Partial<CommandExecutorDeps> = {}) {
  const happened: string[] = [];
  const reports: Array<{ id: string; result: CommandResult }> = [];
  const logs: string[] = [];
  const commands = createCommandExecutor({
    now: () => NOW,
    inVisit: () => false,
    log: (line) => logs.push(line),
    retryDelayMs: () => 0,
    reload: () => void happened.push('reload'),
    restart: () => void happened.push('restart'),
    resync: async ({ clear }) => void happened.push(clear ? 'clear+resync' : 'resync'),
    captureScreen: async () => Buffer.from('PNG'),
    report: async (id, result) => {
      happened.push(`report ${id}`);
      reports.push({ id, result });
    },
    ...overrides,
  });
  return { commands, happened, reports, logs };
}

test('a command is expired from COMMAND_EXPIRY_SEC after it was issued, or when its time cannot be read', () => {
  assert.equal(isExpired(commandOf('reload', COMMAND_EXPIRY_SEC - 1), NOW), false);
  assert.equal(isExpired(commandOf('reload', COMMAND_EXPIRY_SEC), NOW), true);
  assert.equal(isExpired(commandOf('reload', -30), NOW), false, 'a server clock a little ahead is no reason to refuse');
  assert.equal(isExpired({ id: 'x', kind: 'reload', issuedAt: 'yesterday' }, NOW), true);
});

test('each kind does its one thing and answers ok', async () => {
  const { commands, happened, reports } = executor();
  for (const kind of ['reload', 're-sync', 'clear-cache', 'screenshot'] as const) commands.submit(commandOf(kind));
  await until(() => reports.length === 4);
  assert.deepEqual(happened, [
    'reload',
    'report cmd-reload',
    'resync',
    'report cmd-re-sync',
    'clear+resync',
    'report cmd-clear-cache',
    'report cmd-screenshot',
  ]);
  assert.deepEqual(
    reports.map((report) => report.result),
    [{ ok: true }, { ok: true }, { ok: true }, { ok: true, screenshotPng: Buffer.from('PNG').toString('base64') }],
  );
});

test('a screenshot is refused while a resident is using the kiosk, and nothing is captured', async () => {
  let visiting = true;
  const { commands, happened, reports } = executor({
    inVisit: () => visiting,
    captureScreen: async () => (happened.push('captured'), Buffer.from('PNG')),
  });
  commands.submit(commandOf('screenshot'));
  await until(() => reports.length === 1);
  assert.deepEqual(reports[0]!.result, { ok: false, detail: IN_VISIT_DETAIL });
  visiting = false;
  commands.submit({ ...commandOf('screenshot'), id: 'cmd-screenshot-2' });
  await until(() => reports.length === 2);
  assert.equal(reports[1]!.result.ok, true);
  assert.deepEqual(happened, ['report cmd-screenshot', 'captured', 'report cmd-screenshot-2']);
});

test("a reload or restart waits for the resident's visit to end, and expires if it does not", async () => {
  let visiting = true;
  let now = NOW;
  // How often the executor has asked whether a visit is under way: it asks before acting.
  let visitChecks = 0;
  const inVisit = () => {
    visitChecks += 1;
    return visiting;
  };
  const { commands, happened, reports } = executor({ inVisit, now: () => now, visitCheckMs: 5 });
  commands.submit(commandOf('reload'));
  await until(() => visitChecks >= 5);
  assert.equal(happened.length, 0, 'asked five times during the visit, and nothing happened');
  visiting = false;
  await until(() => reports.length === 1);
  assert.deepEqual([...happened], ['reload', 'report cmd-reload']);

  visiting = true;
  const checksBefore = visitChecks;
  commands.submit(commandOf('restart'));
  await until(() => visitChecks >= checksBefore + 2);
  now = new Date(NOW.getTime() + (COMMAND_EXPIRY_SEC + 1) * 1000);
  await until(() => reports.length === 2);
  assert.deepEqual(reports[1]!.result, { ok: false, detail: 'expired while a resident was using the kiosk' });
  assert.ok(!happened.includes('restart'), 'no restart in the middle of a visit');
});

test('restart answers ok first and restarts after', async () => {
  const { commands, happened, reports } = executor();
  commands.submit(commandOf('restart'));
  await until(() => happened.includes('restart'));
  assert.deepEqual(happened, ['report cmd-restart', 'restart']);
  assert.deepEqual(reports[0]!.result, { ok: true });
});

test('an expired command is not run and is answered as failed', async () => {
  const { commands, happened, reports } = executor();
  commands.submit(commandOf('restart', COMMAND_EXPIRY_SEC + 60));
  commands.submit(commandOf('reload', COMMAND_EXPIRY_SEC + 60));
  await until(() => reports.length === 2);
  assert.deepEqual(happened, ['report cmd-restart', 'report cmd-reload']);
  assert.deepEqual(
    reports.map((report) => report.result),
    [
      { ok: false, detail: 'expired' },
      { ok: false, detail: 'expired' },
    ],
  );
});

test('a shell that cannot see the screen answers the screenshot as failed, saying why', async () => {
  const { commands, reports } = executor({ captureScreen: async () => undefined });
  commands.submit(commandOf('screenshot'));
  await until(() => reports.length === 1);
  assert.deepEqual(reports[0]!.result, { ok: false, detail: NO_SCREEN_DETAIL });
});

test('a failing effect is answered with its code, and the next command still runs', async () => {
  const { commands, reports } = executor({
    resync: async () => {
      throw new LinliError('SERVER_UNREACHABLE', 'Cannot reach the admin server');
    },
    captureScreen: async () => {
      throw new Error('GPU process gone');
    },
  });
  assert.doesNotThrow(() => commands.submit(commandOf('re-sync')));
  commands.submit(commandOf('screenshot'));
  commands.submit(commandOf('reload'));
  await until(() => reports.length === 3);
  assert.deepEqual(
    reports.map((report) => report.result),
    [
      { ok: false, detail: 'SERVER_UNREACHABLE: Cannot reach the admin server' },
      { ok: false, detail: 'INTERNAL: GPU process gone' },
      { ok: true },
    ],
  );
});

test('an answer is retried while the server is unreachable, a few times at most, and never sent twice', async () => {
  let attempts = 0;
  const delays: number[] = [];
  const { commands, logs } = executor({
    retryDelayMs: (failures) => (delays.push(failures), 0),
    report: async () => {
      attempts++;
      throw new LinliError('SERVER_UNREACHABLE');
    },
  });
  commands.submit(commandOf('reload'));
  await until(() => logs.some((line) => line.includes('answer not delivered')));
  assert.equal(attempts, REPORT_ATTEMPTS);
  assert.deepEqual(delays, [1, 2, 3], 'backoff grows with each failure');
  assert.match(logs.at(-1)!, /^command reload cmd-reload: answer not delivered \(SERVER_UNREACHABLE\)$/);

  let delivered = 0;
  let refused = 0;
  const second = executor({
    report: async () => {
      if (++delivered === 1) throw new LinliError('SERVER_UNREACHABLE');
    },
  });
  second.commands.submit(commandOf('reload'));
  await until(() => second.logs.some((line) => line.endsWith('answered ok')));
  assert.equal(delivered, 2, 'sent again after one network failure, then done');

  const third = executor({
    report: async () => {
      refused++;
      throw new LinliError('COMMAND_ANSWERED');
    },
  });
  third.commands.submit(commandOf('reload'));
  await until(() => third.logs.some((line) => line.includes('answer not delivered (COMMAND_ANSWERED)')));
  assert.equal(refused, 1, 'a refusal by the server is not retried');
});

test('stopping gives up a retry wait at once and does not restart', async () => {
  const { commands, happened } = executor({
    retryDelayMs: () => 60_000,
    report: async () => {
      throw new LinliError('SERVER_UNREACHABLE');
    },
  });
  commands.submit(commandOf('restart'));
  await new Promise((resolve) => setImmediate(resolve));
  const started = Date.now();
  await commands.stop();
  assert.ok(Date.now() - started < 10_000, 'far sooner than the 60 s retry wait');
  assert.deepEqual(happened, []);
});

test('stopping runs no command still queued, and an answer the stop cut off is no failure', async () => {
  let cutOff!: (error: Error) => void;
  const { commands, happened, logs } = executor({
    report: (id) => {
      happened.push(`report ${id}`);
      return id === 'cmd-1' ? new Promise<void>((_resolve, reject) => (cutOff = reject)) : Promise.resolve();
    },
  });
  commands.submit(commandOf('reload', 5, 'cmd-1'));
  commands.submit(commandOf('reload', 5, 'cmd-2'));
  await until(() => happened.includes('report cmd-1'), 'the first answer under way');
  const stopped = commands.stop();
  // As the host's stop does: it aborts the request, which fails like a network error.
  cutOff(new LinliError('SERVER_UNREACHABLE'));
  await stopped;
  assert.deepEqual(happened, ['reload', 'report cmd-1']);
  assert.deepEqual(logs, [
    'command reload cmd-1',
    'command reload cmd-1: answer not delivered (shutting down)',
    'command reload cmd-2: not run (shutting down)',
  ]);
});

test('logs name the command by kind and id only', async () => {
  const { commands, logs } = executor();
  commands.submit(commandOf('screenshot', 5, '0190a8c4-aaaa'));
  await until(() => logs.length === 2);
  assert.deepEqual(logs, ['command screenshot 0190a8c4-aaaa', 'command screenshot 0190a8c4-aaaa: answered ok']);
});
