/**
 * The admin and device APIs are scopes whose guard runs before a request's body is read: a request
 * without a session (or a device without credentials) is refused without its body being parsed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CSRF_HEADER } from '@linli/protocol';
import { startApp } from './app-harness';
import { backends } from './backends';

// Larger than the server's 2 MB body limit: parsing it would answer 413, not the guard's code.
const oversized = JSON.stringify({ body: 'x'.repeat(3 * 1024 * 1024) });

test('the admin scope refuses a request without a session, or a change without the CSRF token, before reading its body', async (t) => {
  const { app, admin } = await startApp(t, await backends[0]!.open(t));
  const post = (headers: Record<string, string>) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/admin/notices',
      headers: { 'content-type': 'application/json', ...headers },
      payload: oversized,
    });

  const anonymous = await post({});
  assert.equal(anonymous.statusCode, 401);
  assert.equal(anonymous.json().error.code, 'UNAUTHENTICATED');
  const noCsrf = await post({ cookie: admin.cookie });
  assert.equal(noCsrf.statusCode, 403);
  assert.equal(noCsrf.json().error.code, 'CSRF_TOKEN_INVALID');
  const signedIn = await post({ cookie: admin.cookie, [CSRF_HEADER]: admin[CSRF_HEADER] });
  assert.equal(signedIn.statusCode, 413, 'with a session the body is read, and found too large');
  assert.equal(signedIn.json().error.code, 'BODY_TOO_LARGE');

  const open = await app.inject({ method: 'GET', url: '/api/v1/admin/session' });
  assert.equal(open.statusCode, 401, 'the session route itself is open and says no one is signed in');
});

test('the device scope refuses an unknown device, or one speaking another protocol, before reading its body', async (t) => {
  const { app, enrollDevice } = await startApp(t, await backends[0]!.open(t));
  const { authorization } = await enrollDevice();
  const heartbeat = (headers: Record<string, string>) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/devices/heartbeat',
      headers: { 'content-type': 'application/json', ...headers },
      payload: oversized,
    });

  const unknown = await heartbeat({ authorization: 'Bearer nobody:nothing' });
  assert.equal(unknown.statusCode, 401);
  assert.equal(unknown.json().error.code, 'DEVICE_UNKNOWN');
  const future = await heartbeat({ authorization, 'x-linli-protocol': '999' });
  assert.equal(future.statusCode, 426);
  const known = await heartbeat({ authorization });
  assert.equal(known.statusCode, 413, 'a known device gets its body read');
  const enroll = await app.inject({
    method: 'POST',
    url: '/api/v1/devices/enroll',
    payload: { code: 'WRONG', name: 'x' },
  });
  assert.equal(enroll.statusCode, 401, 'enrollment is open to a device without credentials; a wrong code is refused');
});
