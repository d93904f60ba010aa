/**
 * Behind a reverse proxy (how the admin server is deployed): with LINLI_TRUST_PROXY naming the
 * proxy, the client's own address counts for limits and the audit trail, and https at the proxy
 * makes the session cookie Secure; without it, forwarded headers are ignored (anyone could send them).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, TEST_PASSWORD } from './app-harness';
import { backends } from './backends';

const PROXY = '10.0.0.2';
const forwarded = (client: string) => ({ 'x-forwarded-for': client, 'x-forwarded-proto': 'https' });

async function signInThroughProxy(trustProxy: string[] | undefined, t: Parameters<typeof startApp>[0]) {
  const harness = await startApp(t, await backends[0]!.open(t), undefined, { trustProxy });
  const login = (client: string, username = 'admin', password = TEST_PASSWORD) =>
    harness.app.inject({
      method: 'POST',
      url: '/api/v1/admin/login',
      remoteAddress: PROXY,
      headers: forwarded(client),
      payload: { username, password },
    });
  const reply = await login('203.0.113.5');
  assert.equal(reply.statusCode, 200, reply.body);
  const trail = (await harness.call(harness.admin, 'GET', '/audit?action=session.sign-in&limit=100')).json();
  return {
    ...harness,
    login,
    cookie: String(reply.headers['set-cookie']),
    froms: trail.entries.map((e: { from: string }) => e.from),
  };
}

test('a trusted proxy: the forwarded client address is audited and limited on its own; https makes the cookie Secure', async (t) => {
  const { cookie, froms, login } = await signInThroughProxy([PROXY], t);
  assert.match(cookie, /;\s*Secure/i);
  assert.ok(froms.includes('203.0.113.5'), froms.join(' '));
  for (let i = 0; i < 30; i++) await login('203.0.113.66', `nobody${i}`, 'WrongGuess1');
  assert.equal((await login('203.0.113.66', 'nobody99', 'WrongGuess1')).json().error.code, 'TOO_MANY_ATTEMPTS');
  assert.equal(
    (await login('203.0.113.77', 'nobody99', 'WrongGuess1')).json().error.code,
    'BAD_CREDENTIALS',
    'another client behind the same proxy is not slowed down',
  );
});

test('no trusted proxy: forwarded headers are ignored', async (t) => {
  const { cookie, froms } = await signInThroughProxy(undefined, t);
  assert.doesNotMatch(cookie, /;\s*Secure/i);
  assert.ok(froms.includes(PROXY) && !froms.includes('203.0.113.5'), froms.join(' '));
});
