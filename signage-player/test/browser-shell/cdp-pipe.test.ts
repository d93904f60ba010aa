/** The DevTools pipe client: NUL-framed messages however they are cut, commands, replies, events. */
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { SYSTEM_TIMERS, type Timers } from '../../../kiosk-app/host/lifecycle/timers';
import { connectCdp, createNulSplitter, encodeCdpCommand } from '../../shells/browser/cdp-pipe';

test('messages come out whole whatever the chunks: split, several in one, a character cut in two', () => {
  const messages: string[] = [];
  const split = createNulSplitter((text) => messages.push(text));
  const bytes = Buffer.from('{"a":"临江"}\0{"b":1}\0{"c":"社区"}\0', 'utf8');
  // Cut inside 临 (3 bytes in UTF-8), right after a NUL, and inside the last message.
  for (const [start, end] of [
    [0, 7],
    [7, 13],
    [13, 22],
    [22, bytes.length],
  ] as const)
    split(bytes.subarray(start, end));
  assert.deepEqual(messages, ['{"a":"临江"}', '{"b":1}', '{"c":"社区"}']);
});

test('a message longer than the limit without its NUL is refused', () => {
  const split = createNulSplitter(() => undefined, 16);
  split(Buffer.from('0123456789'));
  assert.throws(() => split(Buffer.from('0123456789')), { code: 'INTERNAL' });
});

test('a command is one JSON text and a NUL, with its session when it has one', () => {
  assert.equal(encodeCdpCommand(1, 'Page.reload', {}).toString(), '{"id":1,"method":"Page.reload","params":{}}\0');
  const withSession = JSON.parse(
    encodeCdpCommand(2, 'Page.captureScreenshot', { format: 'png' }, 'S1').toString().slice(0, -1),
  );
  assert.deepEqual(withSession, {
    id: 2,
    method: 'Page.captureScreenshot',
    params: { format: 'png' },
    sessionId: 'S1',
  });
});

/** A connection to a fake browser: what the client writes, and a way to answer. */
function fakeBrowser(timers: Timers = SYSTEM_TIMERS) {
  const toBrowser = new PassThrough();
  const fromBrowser = new PassThrough();
  const commands: Array<{ id: number; method: string; sessionId?: string }> = [];
  const commandArrived = new Set<() => void>();
  const split = createNulSplitter((text) => {
    commands.push(JSON.parse(text) as { id: number; method: string });
    for (const listener of commandArrived) listener();
  });
  toBrowser.on('data', split);
  const nextCommand = (index: number) =>
    new Promise<{ id: number; method: string; sessionId?: string }>((resolve) => {
      const check = () => {
        const command = commands[index];
        if (!command) return;
        commandArrived.delete(check);
        resolve(command);
      };
      commandArrived.add(check);
      check();
    });
  const reply = (message: object) => fromBrowser.write(`${JSON.stringify(message)}\0`);
  const cdp = connectCdp({ toBrowser, fromBrowser, timers });
  return { cdp, nextCommand, reply, fromBrowser };
}

test('replies settle their command by id; an error reply rejects it with the method named', async () => {
  const { cdp, nextCommand, reply } = fakeBrowser();
  const reload = cdp.send('Page.reload', {}, 'S1');
  const shot = cdp.send<{ data: string }>('Page.captureScreenshot');
  const [first, second] = await Promise.all([nextCommand(0), nextCommand(1)]);
  assert.equal(first.sessionId, 'S1');
  reply({ id: second.id, result: { data: 'iVBOR' } });
  reply({ id: first.id, error: { code: -32000, message: 'Target closed' } });
  assert.deepEqual(await shot, { data: 'iVBOR' });
  await assert.rejects(reload, { code: 'INTERNAL', message: 'Page.reload: Target closed' });
});

test('events reach their listeners with the session they came from, until unsubscribed', async () => {
  const { cdp, reply, nextCommand } = fakeBrowser();
  const seen: Array<[unknown, string | undefined]> = [];
  const off = cdp.on('Target.detachedFromTarget', (params, sessionId) => seen.push([params.sessionId, sessionId]));
  reply({ method: 'Target.detachedFromTarget', params: { sessionId: 'S1' } });
  reply({ method: 'Inspector.targetCrashed', params: {}, sessionId: 'S1' });
  // A command's reply after the events: once it is in, the events before it were handled.
  const ping = cdp.send('Browser.getVersion');
  reply({ id: (await nextCommand(0)).id, result: {} });
  await ping;
  off();
  reply({ method: 'Target.detachedFromTarget', params: { sessionId: 'S2' } });
  const again = cdp.send('Browser.getVersion');
  reply({ id: (await nextCommand(1)).id, result: {} });
  await again;
  assert.deepEqual(seen, [['S1', undefined]]);
});

test('closing (the browser gone) rejects what waits and every later command; silence past the deadline rejects too', async () => {
  const { cdp, fromBrowser } = fakeBrowser();
  const waiting = cdp.send('Page.reload');
  fromBrowser.end();
  await assert.rejects(waiting, /closed its DevTools pipe/);
  await assert.rejects(cdp.send('Page.reload'), /closed its DevTools pipe/);

  let fire: () => void = () => undefined;
  const timers: Timers = { ...SYSTEM_TIMERS, after: (_ms, run) => ((fire = run), () => undefined) };
  const slow = fakeBrowser(timers);
  const unanswered = slow.cdp.send('Page.captureScreenshot');
  fire();
  await assert.rejects(unanswered, /Page.captureScreenshot: no answer from the browser/);
});
