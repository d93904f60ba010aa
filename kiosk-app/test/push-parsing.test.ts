import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEventStreamParser, type ServerEvent } from '../host/sync/event-stream';
import { backoffDelayMs } from '../host/sync/backoff';

test('server-sent events split across chunks, with CRLF and keepalive comments, arrive whole', () => {
  const events: ServerEvent[] = [];
  const feed = createEventStreamParser((event) => events.push(event));
  feed('event: changes\r\ndata: {"latest');
  feed('Seq":4}\r\n\r\n: keepalive\n\n');
  feed('data: plain\n\nevent: changes\ndata: {"latestSeq":5}\n');
  assert.deepEqual(events, [
    { event: 'changes', data: '{"latestSeq":4}' },
    { event: 'message', data: 'plain' },
  ]);
  feed('\n');
  assert.deepEqual(events.at(-1), { event: 'changes', data: '{"latestSeq":5}' });
});

test('retry delays grow with failures, stay within their cap and vary (jitter)', () => {
  assert.equal(
    backoffDelayMs(1, () => 0),
    500,
  );
  assert.equal(
    backoffDelayMs(1, () => 1),
    1000,
  );
  assert.equal(
    backoffDelayMs(4, () => 1),
    8000,
  );
  assert.equal(
    backoffDelayMs(30, () => 1, 1000, 10_000),
    10_000,
  );
  assert.ok(backoffDelayMs(30, () => 0, 1000, 10_000) >= 5000);
});
