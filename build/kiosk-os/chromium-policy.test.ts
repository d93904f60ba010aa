// The browser shell's Chromium policy (chromium-policy.json), proven in Debian's Chromium. The
// recipe's own script writes the policy for this test's kiosk server; Chromium runs headless in a
// private mount namespace where that policy is mounted over /etc/chromium (the only place it reads
// policy from), so the machine's own /etc is neither read nor written. The browser tests need root
// (for the mount), unshare and Chromium, and are skipped, saying which is missing, without them.
import { after, before, describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium as playwright, type Browser, type Page } from 'playwright-core';
import { REGISTRY_FILE, readPolicy, registryForm, type ChromiumPolicy } from './chromium-policy';

const here = import.meta.dirname;
const CHROMIUM = process.env.LINLI_CHROMIUM ?? '/usr/bin/chromium';
const read = (file: string) => readFileSync(path.join(here, file), 'utf8');

/** The shipped policy for a kiosk page on `port`, from the script setup-kiosk.sh installs it with. */
function policyFor(port: number): ChromiumPolicy {
  const script = path.join(here, 'linux/chromium-policy.sh');
  return JSON.parse(execFileSync('bash', [script, String(port)], { encoding: 'utf8' })) as ChromiumPolicy;
}

test('the shipped policy allows the kiosk origin only, with DevTools, downloads, printing, file pickers, passwords, translate and extensions off', () => {
  const policy = readPolicy();
  assert.deepEqual(policy.URLBlocklist, ['*', 'chrome://*'], 'everything, and chrome:// pages, which * leaves out');
  assert.deepEqual(policy.URLAllowlist, ['http://127.0.0.1:7310'], 'the browser shell host, on its default port');
  assert.equal(policy.DeveloperToolsAvailability, 2);
  assert.equal(policy.RemoteDebuggingAllowed, false);
  assert.equal(policy.DownloadRestrictions, 3);
  assert.equal(policy.PrintingEnabled, false);
  assert.equal(policy.AllowFileSelectionDialogs, false);
  assert.equal(policy.PasswordManagerEnabled, false);
  assert.equal(policy.TranslateEnabled, false);
  assert.deepEqual(policy.ExtensionInstallBlocklist, ['*']);
});

test('the Linux recipe installs the policy for the configured kiosk port; the Windows recipe imports its registry form', () => {
  const setup = read('linux/setup-kiosk.sh');
  assert.match(setup, /bash "\$here\/chromium-policy\.sh" "\$\{kiosk_port:-7310\}" >"\$policy"/);
  assert.match(
    setup,
    /install -D -m 0644 -o root -g root "\$policy" \/etc\/chromium\/policies\/managed\/linli-kiosk\.json/,
  );
  const shipped = readPolicy();
  assert.deepEqual(policyFor(8123), { ...shipped, URLAllowlist: ['http://127.0.0.1:8123'] }, 'only the port changes');
  for (const port of ['0', '65536', '7310 ', '']) {
    const run = spawnSync('bash', [path.join(here, 'linux/chromium-policy.sh'), port], { encoding: 'utf8' });
    assert.equal(run.status, 64, `port '${port}'`);
    assert.equal(run.stdout, '');
  }
  assert.match(read('windows/setup-kiosk.ps1'), /'chromium-policy\.reg'[^]*reg\.exe -ArgumentList 'import'/);
});

test('the Windows registry form is written from the policy file, and the committed one is up to date', () => {
  const reg = registryForm(readPolicy());
  assert.equal(readFileSync(REGISTRY_FILE, 'latin1'), reg, 'run: npx tsx build/kiosk-os/chromium-policy.ts');
  const lines = reg.split('\r\n');
  assert.equal(lines[0], 'Windows Registry Editor Version 5.00');
  assert.ok(!/[^\r]\n/.test(reg), 'CRLF line ends only');
  const key = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Chromium';
  assert.ok(lines.indexOf(`[-${key}]`) < lines.indexOf(`[${key}]`), 'the old policy is removed first');
  assert.ok(lines.includes('"DeveloperToolsAvailability"=dword:00000002'));
  assert.ok(lines.includes('"PrintingEnabled"=dword:00000000'));
  const blocklist = lines.indexOf(`[${key}\\URLBlocklist]`);
  assert.deepEqual(lines.slice(blocklist + 1, blocklist + 3), ['"1"="*"', '"2"="chrome://*"']);
  assert.throws(() => registryForm({ Bad: -1 }), /no DWORD form/);
});

/** Why Chromium cannot run under a test policy here, or undefined when it can. */
function cannotRun(): string | undefined {
  if (process.getuid?.() !== 0) return 'needs root, to mount the test policy in a private mount namespace';
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM} (apt-get install chromium)`;
  if (!existsSync('/etc/chromium'))
    return 'no /etc/chromium to mount the test policy over (Debian chromium creates it)';
  const probe = spawnSync('unshare', ['--mount', 'true'], { encoding: 'utf8' });
  if (probe.error) return 'no unshare (util-linux)';
  if (probe.status !== 0) return `unshare --mount fails here: ${probe.stderr.trim()}`;
  return undefined;
}

interface Site {
  url: string;
  /** Paths requested so far, in order. */
  hits: string[];
  /** Resolves once `pathname` has been requested. */
  requested(pathname: string): Promise<void>;
  close(): void;
}

async function startSite(route: (pathname: string, res: ServerResponse) => void): Promise<Site> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url!);
    route(req.url!, res);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    hits,
    async requested(pathname) {
      while (!hits.includes(pathname)) await once(server, 'request');
    },
    close() {
      server.closeAllConnections();
      server.close();
    },
  };
}

const html = (res: ServerResponse, body: string) => {
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.end(`<!doctype html><meta charset="utf-8">${body}`);
};

// Root cannot use Chromium's sandbox (the kiosk runs Chromium as its own user, sandboxed); the rest
// keeps a headless run quiet and quick on a machine without a GPU or network.
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--no-first-run',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
];

// Chromium runs as `sh -c MOUNT_AND_RUN sh POLICY_DIR CHROMIUM ARGS…` in its own mount and PID
// namespaces: the test's policy folder stands in for /etc/chromium for this Chromium alone, and
// when Chromium (PID 1 there) is killed, the kernel ends everything it started, even the crash
// handlers that leave its process group.
const UNSHARE = ['--mount', '--propagation', 'private', '--pid', '--fork', '--mount-proc'];
const MOUNT_AND_RUN = 'mount --bind "$1" /etc/chromium && shift && exec "$@"';

interface RunningChromium {
  profile: string;
  home: string;
  stderr(): string;
  /** Resolves with the match once Chromium's stderr matches; rejects if Chromium exits first. */
  printed(pattern: RegExp): Promise<RegExpExecArray>;
  stop(): Promise<void>;
}

function startChromium(policy: ChromiumPolicy, args: string[]): RunningChromium {
  const dir = mkdtempSync(path.join(tmpdir(), 'linli-chromium-policy-'));
  const policyDir = path.join(dir, 'etc-chromium');
  mkdirSync(path.join(policyDir, 'policies/managed'), { recursive: true });
  writeFileSync(path.join(policyDir, 'policies/managed/linli-kiosk.json'), JSON.stringify(policy));
  const profile = path.join(dir, 'profile');
  const home = path.join(dir, 'home');
  mkdirSync(home);
  const child = spawn(
    'unshare',
    [...UNSHARE, 'sh', '-c', MOUNT_AND_RUN, 'sh', policyDir, CHROMIUM, ...FLAGS, `--user-data-dir=${profile}`, ...args],
    {
      // Its own process group: stop() kills unshare and Chromium together.
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
      // Downloads would go to $HOME/Downloads, and Chromium's own files to $TMPDIR: both here.
      // Error pages are read in English.
      env: { ...process.env, HOME: home, TMPDIR: dir, LANGUAGE: 'en' },
    },
  );
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    profile,
    home,
    stderr: () => stderr,
    printed: (pattern) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(stderr);
          if (match) {
            child.stderr!.off('data', check);
            resolve(match);
          }
        };
        child.stderr!.on('data', check);
        check();
        void exited.then(() => reject(new Error(`Chromium ended before printing ${pattern}:\n${stderr.slice(-3000)}`)));
      }),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        process.kill(-child.pid!, 'SIGKILL');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Chromium under `policy`, driven over the DevTools protocol on a port it picks itself. */
async function startDriven(
  policy: ChromiumPolicy,
  stops: Array<() => Promise<void>>,
): Promise<{ running: RunningChromium; browser: Browser }> {
  const running = startChromium(policy, ['--remote-debugging-port=0', 'about:blank']);
  stops.push(() => running.stop());
  const [, endpoint] = await running.printed(/DevTools listening on (ws:\/\/\S+)/);
  const browser = await playwright.connectOverCDP(endpoint!);
  stops.push(() => browser.close());
  return { running, browser };
}

/**
 * The tests drive pages over the DevTools protocol, which the shipped policy refuses (DevTools off,
 * no remote debugging; the last test runs it as shipped). Nothing else of it changes.
 */
const DRIVABLE: ChromiumPolicy = { DeveloperToolsAvailability: 1, RemoteDebuggingAllowed: true };

/**
 * Chromium 156 shows these as deprecated, superseded by AutofillSettings (a list of per-site rules),
 * and still applies them.
 */
const DEPRECATED = ['AutofillAddressEnabled', 'AutofillCreditCardEnabled'];

const skip = cannotRun();

describe('Debian Chromium under the kiosk policy', { timeout: 40_000 }, () => {
  const stops: Array<() => Promise<void>> = [];
  let elsewhere: Site;
  let kiosk: Site;
  let kioskPort: number;
  let driven: RunningChromium;
  let browser: Browser;

  before(async () => {
    if (skip) return;
    elsewhere = await startSite((_, res) => html(res, '<title>elsewhere</title>'));
    stops.push(async () => elsewhere.close());
    kiosk = await startSite((pathname, res) => {
      if (pathname === '/redirect') res.writeHead(302, { location: elsewhere.url }).end();
      else if (pathname === '/frame') html(res, `<title>Linli kiosk</title><iframe src="${elsewhere.url}"></iframe>`);
      else if (pathname === '/form.pdf')
        res.writeHead(200, { 'content-type': 'application/pdf', 'content-disposition': 'attachment' }).end('%PDF-');
      else html(res, '<title>Linli kiosk</title><h1>便民服务</h1>');
    });
    stops.push(async () => kiosk.close());
    kioskPort = Number(new URL(kiosk.url).port);
    ({ running: driven, browser } = await startDriven({ ...policyFor(kioskPort), ...DRIVABLE }, stops));
  });

  after(async () => {
    for (const stop of stops.reverse()) await stop();
  });

  const blocked = /net::ERR_BLOCKED_BY_ADMINISTRATOR/;

  /**
   * A fresh tab. Each blocked navigation gets its own: from a tab on an error page, the next
   * navigation is mishandled (Playwright reports it interrupted; to a blocked chrome:// page,
   * Chromium 156's browser process dies of SIGTRAP).
   */
  async function newPage(t: TestContext): Promise<Page> {
    const page = await browser.contexts()[0]!.newPage();
    t.after(() => page.close());
    return page;
  }

  test('the kiosk page opens under the policy', { skip }, async (t) => {
    const page = await newPage(t);
    const response = await page.goto(kiosk.url);
    assert.equal(response?.status(), 200);
    assert.equal(await page.title(), 'Linli kiosk');
  });

  test(
    'a page script sending the kiosk to another site never gets there: Chromium shows its blocked page',
    { skip },
    async (t) => {
      const page = await newPage(t);
      await page.goto(kiosk.url);
      const elsewhereByName = elsewhere.url.replace('127.0.0.1', 'localhost');
      await page.evaluate((url) => (location.href = url), elsewhereByName);
      await page.waitForURL('chrome-error://chromewebdata/');
      assert.match(await page.locator('body').innerText(), /This page is blocked/);
      assert.deepEqual(elsewhere.hits, [], 'the other site was never asked');
    },
  );

  test('another port on the kiosk address is another site, and blocked too', { skip }, async (t) => {
    const page = await newPage(t);
    await page.goto(kiosk.url);
    await page.evaluate((url) => (location.href = url), elsewhere.url);
    await page.waitForURL('chrome-error://chromewebdata/');
    assert.deepEqual(elsewhere.hits, []);
  });

  test('a redirect or an iframe from the kiosk page to another site is blocked', { skip }, async (t) => {
    await assert.rejects((await newPage(t)).goto(new URL('/redirect', kiosk.url).href), blocked);
    const page = await newPage(t);
    await page.goto(new URL('/frame', kiosk.url).href);
    assert.equal(page.frames()[1]?.url(), 'chrome-error://chromewebdata/');
    assert.deepEqual(elsewhere.hits, []);
  });

  test('file://, chrome://, view-source:, devtools:// and data: pages do not open', { skip }, async (t) => {
    const pages = [
      'file:///etc/hostname',
      'chrome://settings',
      'chrome://policy',
      'chrome://version',
      'chrome://history',
      'chrome://downloads',
      'chrome://extensions',
      'chrome://inspect',
      'chrome://newtab',
      `view-source:${kiosk.url}`,
      'devtools://devtools/bundled/inspector.html',
      'data:text/html,<h1>elsewhere</h1>',
    ];
    for (const url of pages) await assert.rejects((await newPage(t)).goto(url), blocked, url);
  });

  test('a download from the kiosk page is cancelled and nothing is saved', { skip }, async (t) => {
    const page = await newPage(t);
    // Playwright takes downloads over through DevTools, which skips the policy: hand them back to
    // Chromium, as on a kiosk, and only listen.
    const cdp = await browser.newBrowserCDPSession();
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'default', eventsEnabled: true });
    const ended = new Promise<string>((resolve) =>
      cdp.on('Browser.downloadProgress', (event) => {
        if (event.state !== 'inProgress') resolve(event.state);
      }),
    );
    await page.goto(kiosk.url);
    await page.evaluate(() => {
      const link = document.createElement('a');
      link.href = '/form.pdf';
      link.download = 'form.pdf';
      link.click();
    });
    assert.equal(await ended, 'canceled');
    assert.ok(kiosk.hits.includes('/form.pdf'), 'Chromium fetched the file, then refused to save it');
    const downloads = path.join(driven.home, 'Downloads');
    assert.deepEqual(existsSync(downloads) ? readdirSync(downloads) : [], []);
  });

  test(
    'the kiosk page gets no camera, microphone, location, notifications, screen or USB and serial devices, and nothing asks',
    // Without the policy a prompt would wait for ever: fail in time instead.
    { skip, timeout: 10_000 },
    async (t) => {
      const page = await newPage(t);
      await page.goto(kiosk.url);
      for (const name of ['camera', 'microphone', 'geolocation', 'notifications']) {
        const state = await page.evaluate(
          async (permission) => (await navigator.permissions.query({ name: permission as PermissionName })).state,
          name,
        );
        assert.equal(state, 'denied', name);
      }
      // Without the policy each of these opens a prompt or a chooser that no one answers headless.
      const refusal = (request: string) => page.evaluate(`${request}.then(() => 'granted', (error) => error.name)`);
      assert.equal(await refusal('navigator.mediaDevices.getDisplayMedia({ video: true })'), 'NotAllowedError');
      assert.equal(await refusal('navigator.usb.requestDevice({ filters: [] })'), 'NotFoundError');
      assert.equal(await refusal('navigator.serial.requestPort()'), 'NotFoundError');
    },
  );

  test(
    'Chromium takes every policy the kiosk ships, none unknown or refused (chrome://policy)',
    { skip },
    async (t) => {
      const stopsHere: Array<() => Promise<void>> = [];
      t.after(async () => {
        for (const stop of stopsHere.reverse()) await stop();
      });
      const shipped = policyFor(kioskPort);
      const policy = {
        ...shipped,
        ...DRIVABLE,
        URLAllowlist: [...(shipped.URLAllowlist as string[]), 'chrome://policy'],
      };
      const policyPage = await (await startDriven(policy, stopsHere)).browser.contexts()[0]!.newPage();
      await policyPage.goto('chrome://policy');
      // The page lists every policy Chromium knows; the ones not set are hidden.
      const rows = policyPage.locator('policy-row .policy.row').filter({ visible: true });
      await rows.nth(Object.keys(policy).length - 1).waitFor();
      const shown = await rows.evaluateAll((elements) =>
        elements.map((row) =>
          ['.name', '.value', '.messages'].map((cell) => row.querySelector(cell)!.textContent!.trim()),
        ),
      );
      assert.deepEqual(
        Object.fromEntries(shown.map(([name, value, status]) => [name, { value: JSON.parse(value!), status }])),
        Object.fromEntries(
          Object.entries(policy).map(([name, value]) => [
            name,
            { value, status: DEPRECATED.includes(name) ? 'Deprecated' : 'OK' },
          ]),
        ),
        'each policy of the file with its value, and no other',
      );
    },
  );

  test(
    'as shipped, Chromium opens the kiosk page but no remote-debugging port, even when started with one',
    { skip },
    async (t) => {
      const running = startChromium(policyFor(kioskPort), ['--remote-debugging-port=0', `${kiosk.url}?as-shipped`]);
      t.after(() => running.stop());
      const [[said]] = await Promise.all([
        running.printed(/DevTools listening|DevTools remote debugging is disallowed by the system admin/),
        kiosk.requested('/?as-shipped'),
      ]);
      assert.equal(said, 'DevTools remote debugging is disallowed by the system admin');
      assert.equal(existsSync(path.join(running.profile, 'DevToolsActivePort')), false);
    },
  );
});
