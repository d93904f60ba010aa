/**
 * The screen browser against a real (headless) Chromium on a tiny local page: a screenshot is a
 * PNG of the window's size, a reload loads the page again, a Chromium killed from outside is
 * started again (after a wait that grows), and stop leaves no process behind. Each test starts its
 * own Chromium with its own profile in a temp dir and stops it; waits are for events and process
 * state, never for time.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { CHROMIUM_PATH } from '../../../test/e2e/browser';
import {
  STEADY_RUN_MS,
  crashesInARow,
  screenBrowserArgs,
  startScreenBrowser,
  type ScreenBrowser,
  type ScreenBrowserOptions,
} from '../../shells/browser/screen-browser';

const WINDOW = { width: 1280, height: 720 };

/** A page that tells the server each time it has loaded (its script ran). */
async function startTinyPage(t: TestContext) {
  let loads = 0;
  const loadListeners = new Set<() => void>();
  const server = createServer((request, response) => {
    if (request.url === '/loaded') {
      loads += 1;
      for (const listener of loadListeners) listener();
      response.writeHead(204).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(
      '<!doctype html><body style="margin:0;background:#b22222"><h1>邻里</h1>' +
        "<script>fetch('/loaded', { method: 'POST' })</script></body>",
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    server.closeAllConnections();
    server.close();
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    loads: () => loads,
    /** Resolves once the page has loaded `count` times in all. */
    loaded: (count: number) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (loads < count) return;
          loadListeners.delete(check);
          resolve();
        };
        loadListeners.add(check);
        check();
      }),
  };
}

/** A headless screen browser on `url` with its own profile, both gone when the test ends; with its log. */
function startHeadless(t: TestContext, url: string, extra: Partial<ScreenBrowserOptions> = {}) {
  const logs: string[] = [];
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'linli-screen-browser-'));
  const browser = startScreenBrowser({
    binary: CHROMIUM_PATH,
    url,
    userDataDir,
    window: WINDOW,
    log: (message) => logs.push(message),
    testing: { headless: true, flags: process.getuid?.() === 0 ? ['--no-sandbox'] : [] },
    ...extra,
  });
  // The profile only once Chromium has stopped writing to it.
  t.after(async () => {
    await browser.stop();
    rmSync(userDataDir, { recursive: true, force: true });
  });
  return { browser, logs };
}

const nextStart = (browser: ScreenBrowser) =>
  new Promise<number>((resolve) => {
    const off = browser.onStarted((pid) => {
      off();
      resolve(pid);
    });
  });

/** Processes still alive (zombies are already dead: only their exit status is left) in process group `pgid`. */
function liveProcessesInGroup(pgid: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        // After the command name in parentheses: state, ppid, pgrp.
        const [state, , group] = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
        return Number(group) === pgid && state !== 'Z';
      } catch {
        return false; // ended while we looked
      }
    })
    .map(Number);
}

/** Waits until the group is empty: SIGKILLed processes take a moment to be torn down. */
async function groupGone(pgid: number): Promise<void> {
  const deadline = Date.now() + 5000;
  while (liveProcessesInGroup(pgid).length > 0) {
    if (Date.now() > deadline) assert.fail(`processes left in group ${pgid}: ${liveProcessesInGroup(pgid).join(' ')}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function pngSize(png: Buffer): { width: number; height: number } {
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  assert.equal(png.subarray(12, 16).toString('latin1'), 'IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

test('the command line is fixed: kiosk flags, our profile, the DevTools pipe, the window, and our URL last', () => {
  const args = screenBrowserArgs({
    url: 'http://127.0.0.1:7320/',
    userDataDir: '/var/lib/linli/player/browser',
    window: { width: 1920, height: 1080 },
    testing: undefined,
  });
  for (const flag of [
    '--kiosk',
    '--no-first-run',
    '--noerrdialogs',
    '--disable-translate',
    '--autoplay-policy=no-user-gesture-required',
    '--user-data-dir=/var/lib/linli/player/browser',
    '--remote-debugging-pipe',
    '--window-size=1920,1080',
  ])
    assert.ok(args.includes(flag), flag);
  assert.equal(args.at(-1), 'http://127.0.0.1:7320/');
  assert.ok(!args.some((arg) => arg.startsWith('--headless') || arg === '--no-sandbox'), 'no test flags');
  assert.ok(
    !screenBrowserArgs({ url: 'u', userDataDir: 'd', window: undefined }).some((arg) => arg.startsWith('--window')),
  );
});

test('exits in a row count up; one after a steady run starts the count again', () => {
  assert.equal(crashesInARow(0, 500), 1);
  assert.equal(crashesInARow(3, STEADY_RUN_MS - 1), 4);
  assert.equal(crashesInARow(3, STEADY_RUN_MS), 1);
});

test('a screenshot is a PNG of the window, of the page on screen', async (t) => {
  const page = await startTinyPage(t);
  const { browser } = startHeadless(t, page.url);
  await Promise.all([nextStart(browser), page.loaded(1)]);
  const png = await browser.captureScreenshot();
  assert.deepEqual(pngSize(png), WINDOW);
});

test('reload loads the page again: its script runs a second time', async (t) => {
  const page = await startTinyPage(t);
  const { browser } = startHeadless(t, page.url);
  await Promise.all([nextStart(browser), page.loaded(1)]);
  await browser.reload();
  await page.loaded(2);
  assert.equal(page.loads(), 2);
});

test('a Chromium killed from outside is started again, its helpers gone, after a wait that grows', async (t) => {
  const page = await startTinyPage(t);
  const waitsAskedFor: number[] = [];
  const { browser, logs } = startHeadless(t, page.url, {
    restartDelayMs: (crashes) => {
      waitsAskedFor.push(crashes);
      return crashes * 100;
    },
  });
  const first = await nextStart(browser);
  const second = await killAndAwaitNext(first);
  await killAndAwaitNext(second);
  assert.deepEqual(waitsAskedFor, [1, 2], 'the second exit in a row waits longer');
  assert.match(logs[0] ?? '', /^screen browser: Chromium exited \(signal SIGKILL\); starting it again in 0\.1 s/);
  assert.match(logs[1] ?? '', /starting it again in 0\.2 s/);
  const png = await browser.captureScreenshot();
  assert.deepEqual(pngSize(png), WINDOW, 'the new Chromium shows the page');

  async function killAndAwaitNext(pid: number): Promise<number> {
    const next = nextStart(browser);
    process.kill(pid, 'SIGKILL');
    const started = await next;
    assert.notEqual(started, pid);
    await groupGone(pid);
    return started;
  }
});

test('stop ends Chromium and its whole process group, and nothing starts again', async (t) => {
  const page = await startTinyPage(t);
  const { browser, logs } = startHeadless(t, page.url);
  const pid = await nextStart(browser);
  assert.ok(liveProcessesInGroup(pid).length > 1, 'Chromium runs helpers in its group');
  await browser.stop();
  await groupGone(pid);
  assert.deepEqual(logs, [], 'a stop is not a crash: no restart');
  await assert.rejects(browser.captureScreenshot(), { code: 'INTERNAL' });
});

test('a binary that cannot be run is tried again after a wait, and stop ends the trying', async (t) => {
  const logs: string[] = [];
  let logged: () => void = () => undefined;
  const twoTries = new Promise<void>((resolve) => (logged = () => logs.length >= 2 && resolve()));
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'linli-screen-browser-'));
  const browser = startScreenBrowser({
    binary: path.join(userDataDir, 'no-such-chromium'),
    url: 'http://127.0.0.1:9/',
    userDataDir,
    window: undefined,
    log: (message) => {
      logs.push(message);
      logged();
    },
    restartDelayMs: () => 1,
  });
  t.after(() => rmSync(userDataDir, { recursive: true, force: true }));
  await twoTries;
  await browser.stop();
  assert.match(logs[0] ?? '', /Chromium exited \(could not start: spawn .*ENOENT\); starting it again in 0\.0 s/);
  await assert.rejects(browser.reload(), { code: 'INTERNAL' });
});
