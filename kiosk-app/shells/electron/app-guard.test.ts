import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { App } from 'electron';
import { holdSingleInstance, refuseBadCertificates, refuseDebugging } from './app-guard';
import { fakeEmitter, fakeEvent } from './test-fakes';

function fakeApp(switches: string[] = [], lockFree = true) {
  const emitter = fakeEmitter();
  const calls: string[] = [];
  const app = Object.assign(emitter, {
    commandLine: { hasSwitch: (name: string) => switches.includes(name) },
    exit: (code: number) => void calls.push(`exit ${code}`),
    quit: () => void calls.push('quit'),
    requestSingleInstanceLock: () => lockFree,
  });
  return { app: app as unknown as App, emitter, calls };
}

test('started with a remote-debugging or inspector switch, the kiosk exits before opening anything', () => {
  for (const name of ['remote-debugging-port', 'remote-debugging-pipe', 'inspect', 'inspect-brk']) {
    const { app, calls } = fakeApp([name]);
    const logged: string[] = [];
    assert.equal(
      refuseDebugging(app, (message) => logged.push(message)),
      true,
      name,
    );
    assert.deepEqual(calls, ['exit 1']);
    assert.match(logged[0]!, new RegExp(`--${name}`));
  }
});

test('started normally, the kiosk runs', () => {
  const { app, calls } = fakeApp(['touch-events']);
  assert.equal(
    refuseDebugging(app, () => undefined),
    false,
  );
  assert.deepEqual(calls, []);
});

test('a second instance quits; the first comes back to the front', () => {
  const second = fakeApp([], false);
  assert.equal(
    holdSingleInstance(second.app, () => assert.fail('the second instance refocuses nothing')),
    false,
  );
  assert.deepEqual(second.calls, ['quit']);

  const first = fakeApp([], true);
  let refocused = 0;
  assert.equal(
    holdSingleInstance(first.app, () => refocused++),
    true,
  );
  first.emitter.emit('second-instance', fakeEvent(), ['linli-kiosk'], '/');
  assert.equal(refocused, 1);
  assert.deepEqual(first.calls, []);
});

test('a bad certificate is never trusted', () => {
  const { app, emitter } = fakeApp();
  refuseBadCertificates(app);
  for (const error of ['net::ERR_CERT_AUTHORITY_INVALID', 'net::ERR_CERT_DATE_INVALID']) {
    const event = fakeEvent();
    let trusted: boolean | undefined;
    emitter.emit(
      'certificate-error',
      event,
      null,
      'https://zwfw.example.gov.cn/',
      error,
      {},
      (isTrusted: boolean) => (trusted = isTrusted),
      true,
    );
    assert.equal(trusted, false, error);
    assert.equal(event.prevented, true, 'the decision is ours, made once');
  }
});
