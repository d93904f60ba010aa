/** The player shell's bridge: the page's alive beats reach the host only when they fit their schema. */
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { PLAYER_HTTP, type PlayerAliveBeat } from '@linli/protocol';
import type { PlayerHost } from '../../host/player-host';
import { startPlayerServer } from '../../shells/browser/player-server';

async function serverFor(t: TestContext) {
  const beats: PlayerAliveBeat[] = [];
  const host = { pageAlive: (beat: PlayerAliveBeat) => beats.push(beat), onEvent: () => () => undefined };
  const server = await startPlayerServer({
    host: host as unknown as PlayerHost,
    page: { asset: () => undefined },
    port: 0,
  });
  t.after(() => server.close());
  const postBeat = (body: unknown, token = server.token) =>
    fetch(`${server.url}${PLAYER_HTTP.alivePath}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [PLAYER_HTTP.tokenHeader]: token },
      body: JSON.stringify(body),
    });
  return { beats, postBeat };
}

test('a beat with the boot token reaches the host', async (t) => {
  const { beats, postBeat } = await serverFor(t);
  const response = await postBeat({ moving: true, skipped: ['lobby-video'] });
  assert.equal(response.status, 200);
  const withPdf = await postBeat({ moving: false, skipped: [], unreadable: ['hall-notice'] });
  assert.equal(withPdf.status, 200);
  assert.deepEqual(beats, [
    { moving: true, skipped: ['lobby-video'] },
    { moving: false, skipped: [], unreadable: ['hall-notice'] },
  ]);
});

test('a beat that does not fit its schema, or without the token, is refused before the host sees it', async (t) => {
  const { beats, postBeat } = await serverFor(t);
  for (const body of [
    { moving: 'yes', skipped: [] },
    { moving: true },
    { moving: true, skipped: [], extra: 1 },
    { moving: true, skipped: Array.from({ length: 51 }, (_, index) => `v${index}`) },
    { moving: true, skipped: ['x'.repeat(65)] },
    { moving: true, skipped: [], unreadable: 'hall-notice' },
    { moving: true, skipped: [], unreadable: Array.from({ length: 51 }, (_, index) => `p${index}`) },
  ]) {
    const response = await postBeat(body);
    assert.equal(response.status, 400, JSON.stringify(body).slice(0, 80));
    assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'VALIDATION_FAILED');
  }
  assert.equal((await postBeat({ moving: true, skipped: [] }, 'not-the-token')).status, 401);
  assert.deepEqual(beats, []);
});
