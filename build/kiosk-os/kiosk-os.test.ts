// Checks the OS recipes as far as this machine can: shell syntax, the systemd units' keys, the
// Chromium launcher's behaviour (with a stand-in browser), and that the scripts install files
// that exist. The recipes themselves run on a kiosk, not here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { KIOSK_LAUNCHER, RUNTIME_DIR } from '../scripts/runtime-entries';

const here = import.meta.dirname;
const linux = path.join(here, 'linux');
const read = (file: string) => readFileSync(path.join(here, file), 'utf8');

/** `Key=value` lines of one [Section] of a systemd unit, in order (keys may repeat). */
function unitSection(text: string, section: string): Array<[string, string]> {
  const body = text.split(/^\[/m).find((part) => part.startsWith(`${section}]`)) ?? '';
  return body
    .split('\n')
    .slice(1)
    .filter((line) => /^\w+=/.test(line))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]);
}
const valueOf = (entries: Array<[string, string]>, key: string) =>
  entries.filter(([name]) => name === key).map(([, value]) => value);

test('every shell script passes bash -n', () => {
  const scripts = readdirSync(linux).filter((name) => name.endsWith('.sh'));
  assert.deepEqual(scripts.sort(), [
    'chromium-kiosk.sh',
    'chromium-policy.sh',
    'cups-keep-no-jobs.sh',
    'setup-kiosk.sh',
  ]);
  for (const script of scripts) execFileSync('bash', ['-n', path.join(linux, script)]);
});

test("the kiosk's CUPS keeps no printed document: settings replaced or added, and running it again changes nothing", () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'linli-cupsd-'));
  try {
    const conf = path.join(dir, 'cupsd.conf');
    writeFileSync(conf, 'LogLevel warn\n  PreserveJobFiles Yes\nPreserveJobFilesX Keep\nMaxJobs 500\n');
    const run = () => execFileSync('bash', [path.join(linux, 'cups-keep-no-jobs.sh'), conf]);
    run();
    const once = readFileSync(conf, 'utf8');
    assert.equal(
      once,
      'LogLevel warn\nPreserveJobFiles No\nPreserveJobFilesX Keep\nMaxJobs 500\nPreserveJobHistory 60\n',
      'the existing setting replaced, the missing one added, a longer name left alone',
    );
    run();
    assert.equal(readFileSync(conf, 'utf8'), once);
    assert.match(read('linux/setup-kiosk.sh'), /cups-keep-no-jobs\.sh" \/etc\/cups\/cupsd\.conf/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the kiosk unit runs cage with the app on its own VT, auto-logged-in, always restarted, blanking off', () => {
  const unit = read('linux/linli-kiosk@.service');
  const service = unitSection(unit, 'Service');
  const [execStart] = valueOf(service, 'ExecStart');
  assert.match(execStart!, /^\/usr\/bin\/cage (-d )?-- \/opt\/linli-kiosk\/linli-kiosk\b/);
  assert.doesNotMatch(execStart!, / -s\b/, 'cage -s would allow VT switching');
  assert.deepEqual(valueOf(service, 'Restart'), ['always']);
  assert.deepEqual(valueOf(service, 'User'), ['kiosk']);
  assert.deepEqual(valueOf(service, 'PAMName'), ['linli-kiosk'], 'the auto-login session');
  assert.deepEqual(valueOf(service, 'TTYPath'), ['/dev/%I']);
  assert.deepEqual(
    valueOf(service, 'Environment').filter((value) => value.startsWith('LINLI_RESTART_MODE')),
    ['LINLI_RESTART_MODE=exit'],
  );
  assert.match(valueOf(service, 'ExecStartPre').join('\n'), /setterm .*--blank 0 --powerdown 0/);
  const unitPart = unitSection(unit, 'Unit');
  assert.deepEqual(valueOf(unitPart, 'Conflicts'), ['getty@%i.service']);
  assert.deepEqual(valueOf(unitPart, 'StartLimitIntervalSec'), ['0'], 'never stops restarting');
  assert.deepEqual(valueOf(unitSection(unit, 'Install'), 'DefaultInstance'), ['tty7']);
  assert.ok(existsSync(path.join(linux, 'pam-linli-kiosk')));
});

test('no unit or drop-in starts anything with a debugging switch', () => {
  for (const file of ['linux/linli-kiosk@.service', 'linux/browser-shell.conf', 'linux/linli-kiosk-host.service']) {
    for (const line of read(file)
      .split('\n')
      .filter((entry) => entry.startsWith('ExecStart'))) {
      assert.doesNotMatch(line, /remote-debugging|--inspect/, `${file}: ${line}`);
    }
  }
});

test('the browser shell: cage runs the Chromium launcher; the host runs as its own user, always restarted', () => {
  const dropIn = unitSection(read('linux/browser-shell.conf'), 'Service');
  assert.deepEqual(
    valueOf(dropIn, 'ExecStart'),
    ['', '/usr/bin/cage -d -- /usr/local/bin/linli-chromium-kiosk'],
    'the first empty ExecStart clears the Electron one',
  );
  const host = unitSection(read('linux/linli-kiosk-host.service'), 'Service');
  assert.deepEqual(
    valueOf(host, 'DynamicUser'),
    ['yes'],
    'Chromium (the kiosk user) cannot read the device credentials',
  );
  assert.deepEqual(valueOf(host, 'Restart'), ['always']);
  assert.deepEqual(
    valueOf(host, 'ExecStart'),
    [`/usr/bin/node ${RUNTIME_DIR}/${KIOSK_LAUNCHER.bundle}`],
    'the prebuilt kiosk through its launcher, without tsx',
  );
  assert.deepEqual(
    valueOf(host, 'BindPaths'),
    [`/var/lib/linli/updates:/opt/linli/${KIOSK_LAUNCHER.prebuilt.LINLI_UPDATE_DIR!.replace('../', '')}`],
    'updates are unpacked where the launcher looks, in the checkout, kept in the state directory',
  );
});

test('SysRq, Ctrl+Alt+Del, spare VTs and USB storage are switched off', () => {
  assert.match(read('linux/90-linli-kiosk.conf'), /^kernel\.sysrq = 0$/m);
  assert.match(read('linux/system-linli-kiosk.conf'), /^CtrlAltDelBurstAction=none$/m);
  assert.match(read('linux/logind-linli-kiosk.conf'), /^NAutoVTs=0$/m);
  assert.match(read('linux/no-usb-storage.conf'), /^install usb-storage \/bin\/false$/m);
  assert.match(read('linux/setup-kiosk.sh'), /^systemctl mask ctrl-alt-del\.target$/m);
});

test('the setup script installs only files that exist in the recipe', () => {
  const script = read('linux/setup-kiosk.sh');
  const sources = [...script.matchAll(/"\$here\/([^"]+)"/g)].map((match) => match[1]!);
  assert.ok(sources.length >= 8);
  for (const source of sources) assert.ok(existsSync(path.join(linux, source)), source);
});

const REQUIRED_FLAGS = [
  '--kiosk',
  '--noerrdialogs',
  '--disable-pinch',
  '--overscroll-history-navigation=0',
  '--disable-features=TranslateUI',
  '--no-first-run',
  '--disable-session-crashed-bubble',
  '--incognito',
];

function chromiumFlags(): string[] {
  return read('chromium-flags.txt')
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter((line) => line !== '');
}

test('the Chromium flags are written once, with every kiosk flag and no debugging port', () => {
  const flags = chromiumFlags();
  for (const flag of REQUIRED_FLAGS) assert.ok(flags.includes(flag), flag);
  assert.equal(
    flags.filter((flag) => flag.startsWith('--disable-features')).length,
    1,
    'a second --disable-features would replace the first',
  );
  assert.ok(flags.every((flag) => !/remote-debugging|no-sandbox/.test(flag)));
  assert.doesNotMatch(
    read('linux/chromium-kiosk.sh'),
    /--kiosk|--incognito/,
    'the launcher reads the flags, it does not repeat them',
  );
});

/** Runs the launcher with a stand-in browser that records its arguments. */
async function launch(t: { after(fn: () => void): void }, env: Record<string, string>) {
  const dir = mkdtempSync(path.join(tmpdir(), 'linli-launcher-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const browser = path.join(dir, 'chromium');
  writeFileSync(browser, `#!/usr/bin/env bash\nprintf '%s\\n' "$@" > "${dir}/args"\n`);
  chmodSync(browser, 0o755);
  const server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => server.close());
  const port = (server.address() as { port: number }).port;
  const run = promisify(execFile)('bash', [path.join(linux, 'chromium-kiosk.sh')], {
    env: {
      PATH: process.env.PATH,
      XDG_RUNTIME_DIR: dir,
      LINLI_CHROMIUM: browser,
      LINLI_CHROMIUM_FLAGS_FILE: path.join(here, 'chromium-flags.txt'),
      LINLI_KIOSK_URL: `http://127.0.0.1:${port}/`,
      ...env,
    },
  });
  const outcome = await run.then(
    () => ({ code: 0, stderr: '' }),
    (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
  );
  const args = existsSync(path.join(dir, 'args'))
    ? readFileSync(path.join(dir, 'args'), 'utf8').trim().split('\n')
    : null;
  return { ...outcome, args, dir, port };
}

test('the launcher starts Chromium with exactly the flags file, a throw-away profile and the local kiosk URL', async (t) => {
  const { code, args, dir, port } = await launch(t, {});
  assert.equal(code, 0);
  const profile = args!.find((arg) => arg.startsWith('--user-data-dir='))!.slice('--user-data-dir='.length);
  assert.deepEqual(args, [...chromiumFlags(), `--user-data-dir=${profile}`, `http://127.0.0.1:${port}/`]);
  assert.ok(profile.startsWith(dir), 'the profile lives in the runtime directory');
  assert.equal(existsSync(profile), false, 'and is gone once Chromium exits');
});

test('a flags file asking for remote debugging, or a URL off the local host, is refused and Chromium never starts', async (t) => {
  const evilFlags = path.join(mkdtempSync(path.join(tmpdir(), 'linli-flags-')), 'flags.txt');
  t.after(() => rmSync(path.dirname(evilFlags), { recursive: true, force: true }));
  writeFileSync(evilFlags, '--kiosk\n--remote-debugging-port=9222\n');
  const debugging = await launch(t, { LINLI_CHROMIUM_FLAGS_FILE: evilFlags });
  assert.equal(debugging.code, 64);
  assert.match(debugging.stderr, /refusing flag --remote-debugging-port=9222/);
  assert.equal(debugging.args, null);

  const remote = await launch(t, { LINLI_KIOSK_URL: 'https://phishing.example/' });
  assert.equal(remote.code, 64);
  assert.equal(remote.args, null);
});

test('the Windows recipe starts the installed app as the shell and restarts it whenever it exits', () => {
  const xml = read('windows/shell-launcher.xml');
  assert.match(xml, /<Shell Shell="%ProgramFiles%\\linli-kiosk\\linli-kiosk\.exe" V2:AppType="Desktop"/);
  assert.match(xml, /<DefaultAction Action="RestartShell"\/>/);
  const script = read('windows/setup-kiosk.ps1');
  for (const key of ['Ctrl+Alt+Del', 'Alt+Tab', 'Windows']) assert.ok(script.includes(`'${key}'`), key);
  assert.match(script, /LINLI_RESTART_MODE', 'exit'/);
  assert.match(script, /USBSTOR' -Name Start -Value 4/);
});

test('every proof LOCKDOWN.md cites is a test that exists, with that exact title', () => {
  const root = path.resolve(here, '../..');
  const cited = [...read('LOCKDOWN.md').matchAll(/`([^`]+\.test\.ts)` › "([^"]+)"/g)].map((match) => ({
    file: match[1]!,
    title: match[2]!,
  }));
  assert.ok(cited.length >= 25, `found ${cited.length} citations`);
  for (const { file, title } of cited) {
    const source = readFileSync(path.join(root, file), 'utf8');
    const escaped = title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    assert.match(source, new RegExp(`\\btest\\(\\s*(['"])${escaped}\\1`), `${file} › ${title}`);
  }
});
