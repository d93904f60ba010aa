import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { installed, readUpdateState, versionDir, writeUpdateState } from '../host/update/update-state';
import { READY_MESSAGE, RESTART_EXIT_CODE } from '../shells/browser/shell-hooks';
import { until } from './until';

const LAUNCHER = path.resolve(import.meta.dirname, '../shells/browser/launcher.ts');

/**
 * A stand-in for a kiosk version: says which it is, tells the launcher it serves its screens (or
 * fails as told), and restarts (exit 75, as after an installed update) when "restart" comes on stdin.
 */
function kioskScript(name: string, behaviour: 'ready' | 'crash' | 'hang'): string {
  return `
    console.log('RUNNING ${name} ' + (process.env.LINLI_APP_VERSION ?? '-'));
    ${behaviour === 'crash' ? 'process.exit(3);' : ''}
    ${behaviour === 'ready' ? `process.send(${JSON.stringify(READY_MESSAGE)});` : ''}
    process.stdin.on('data', (data) => { if (String(data).includes('restart')) process.exit(${RESTART_EXIT_CODE}); });
    process.on('SIGTERM', () => { console.log('STOPPED ${name}'); process.exit(0); });
  `;
}

test('the launcher starts an installed update on trial, goes back by itself when it crashes or hangs, and keeps one that starts', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'linli-launcher-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const updateDir = path.join(dir, 'updates');
  // Any app's entry: a version's is found under the installed one's name (kiosk.mjs, player.mjs).
  writeFileSync(path.join(dir, 'app.mjs'), kioskScript('installed', 'ready'));
  const version = (name: string, behaviour: 'ready' | 'crash' | 'hang') => {
    mkdirSync(versionDir(updateDir, name), { recursive: true });
    writeFileSync(path.join(versionDir(updateDir, name), 'app.mjs'), kioskScript(name, behaviour));
  };

  const launcher = spawn(process.execPath, ['--import', 'tsx', LAUNCHER], {
    env: {
      ...process.env,
      LINLI_UPDATE_DIR: updateDir,
      LINLI_LAUNCH_ENTRY: path.join(dir, 'app.mjs'),
      LINLI_UPDATE_TRIAL_SEC: '3',
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  t.after(() => launcher.kill('SIGKILL'));
  const lines: string[] = [];
  let buffered = '';
  launcher.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const parts = buffered.split('\n');
    buffered = parts.pop()!;
    lines.push(...parts.filter((line) => /^(RUNNING|STOPPED) /.test(line)));
  });
  const running = (line: string, ms?: number) =>
    until(() => lines.at(-1) === line, `"${line}" (saw ${JSON.stringify(lines.slice(-3))})`, ms);
  /** Installs `name` as the host's updater does, then restarts the kiosk for it. */
  const update = (name: string) => {
    writeUpdateState(updateDir, installed(readUpdateState(updateDir), name));
    launcher.stdin.write('restart\n');
  };

  await running('RUNNING installed -', 15_000);

  version('2.0.0', 'crash');
  update('2.0.0');
  await until(() => lines.includes('RUNNING 2.0.0 2.0.0'), 'the update on trial');
  await running('RUNNING installed -');
  let state = readUpdateState(updateDir);
  assert.deepEqual([state.current, state.trial, state.failed], [null, false, ['2.0.0']]);
  assert.equal(state.lastFailure?.detail, 'it exited with code 3 before serving its screens');

  version('2.2.0', 'hang');
  update('2.2.0');
  await until(() => lines.includes('RUNNING 2.2.0 2.2.0'), 'the hanging update on trial');
  await running('RUNNING installed -', 10_000);
  state = readUpdateState(updateDir);
  assert.deepEqual([state.current, state.failed], [null, ['2.0.0', '2.2.0']]);
  assert.equal(state.lastFailure?.detail, 'it did not serve its screens within 3 s');

  version('2.1.0', 'ready');
  update('2.1.0');
  await running('RUNNING 2.1.0 2.1.0');
  await until(() => readUpdateState(updateDir).trial === false, 'the update confirmed');
  state = readUpdateState(updateDir);
  assert.deepEqual([state.current, state.previous], ['2.1.0', null]);

  launcher.kill('SIGTERM');
  const [code] = await once(launcher, 'exit');
  assert.equal(code, 0);
  assert.equal(lines.at(-1), 'STOPPED 2.1.0', 'a stop reaches the kiosk it runs');
});
