import { test } from 'node:test';
import assert from 'node:assert/strict';
import { playerOrigins, playerWindowOptions } from './player-window';

test('the player window is full screen on black, sandboxed and isolated, with no preload, devtools or throttling', () => {
  const options = playerWindowOptions();
  assert.equal(options.kiosk, true);
  assert.equal(options.fullscreen, true);
  assert.equal(options.backgroundColor, '#000000');
  assert.equal(options.show, false, 'shown once its first paint is ready, so no white flash');
  const web = options.webPreferences!;
  assert.equal(web.preload, undefined, 'the page talks to its host over HTTP');
  assert.equal(web.sandbox, true);
  assert.equal(web.contextIsolation, true);
  assert.equal(web.nodeIntegration, false);
  assert.equal(web.devTools, false);
  assert.equal(web.backgroundThrottling, false);
});

test("the window may navigate to the page server's origin only", () => {
  assert.deepEqual([...playerOrigins('http://127.0.0.1:7320')], ['http://127.0.0.1:7320']);
  assert.ok(!playerOrigins('http://127.0.0.1:7320').has('http://127.0.0.1:7321'));
});
