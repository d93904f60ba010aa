/** The one error shape for every failure: the framework's 4xx get their own codes; 5xx are logged whole. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { LinliError } from '@linli/protocol';
import { answerUnroutable, installErrorHandler } from '../src/http/error-handler';

async function appWithLog() {
  const lines: string[] = [];
  const stream = new Writable({ write: (chunk, _encoding, done) => done(void lines.push(String(chunk))) });
  const app = Fastify({ logger: { level: 'error', stream }, bodyLimit: 64 });
  installErrorHandler(app);
  app.post('/echo', async (request) => request.body);
  app.get('/storage', async () => {
    throw new LinliError('INTERNAL', 'the guide could not be stored', undefined, {
      cause: new Error('SQLITE_FULL: database or disk is full'),
    });
  });
  app.get('/bug', async () => {
    throw new TypeError('Cannot read properties of undefined', { cause: new Error('the row had no title') });
  });
  app.get('/basic-auth', async () => {
    throw Object.assign(new Error('Missing authorization header'), { statusCode: 401 });
  });
  return {
    app,
    logged: () =>
      lines.map((line) => JSON.parse(line) as { err?: { stack?: string; message?: string }; code?: string }),
  };
}

test('a body over the limit is 413 BODY_TOO_LARGE and a content type the route does not take is 415 CONTENT_TYPE_UNSUPPORTED', async (t) => {
  const { app } = await appWithLog();
  t.after(() => app.close());
  const large = await app.inject({ method: 'POST', url: '/echo', payload: { text: 'x'.repeat(200) } });
  assert.equal(large.statusCode, 413);
  assert.equal(large.json().error.code, 'BODY_TOO_LARGE');
  const xml = await app.inject({
    method: 'POST',
    url: '/echo',
    headers: { 'content-type': 'application/xml' },
    payload: '<a/>',
  });
  assert.equal(xml.statusCode, 415);
  assert.equal(xml.json().error.code, 'CONTENT_TYPE_UNSUPPORTED');
  const unauthenticated = await app.inject({ method: 'GET', url: '/basic-auth' });
  assert.equal(unauthenticated.statusCode, 401);
  assert.equal(unauthenticated.json().error.code, 'UNAUTHENTICATED');
  const broken = await app.inject({
    method: 'POST',
    url: '/echo',
    headers: { 'content-type': 'application/json' },
    payload: '{"text":',
  });
  assert.equal(broken.statusCode, 400);
  assert.equal(broken.json().error.code, 'BODY_NOT_JSON', 'JSON that does not parse says so');
  assert.equal(broken.json().error.details[0].path, 'body');
});

test('an address the router cannot take apart is 400 URL_INVALID naming the url, not an uncoded framework answer', async (t) => {
  const app = Fastify({ frameworkErrors: answerUnroutable });
  installErrorHandler(app);
  app.get('/items/:id', async (request) => request.params);
  t.after(() => app.close());
  for (const url of ['/items/%ED%A0%80', `/items/${'x'.repeat(500)}`]) {
    const reply = await app.inject({ method: 'GET', url });
    assert.equal(reply.statusCode, 400, url.slice(0, 20));
    assert.equal(reply.json().error.code, 'URL_INVALID');
    assert.equal(reply.json().error.details[0].path, 'url');
    assert.ok(reply.body.length < 300, 'the answer does not repeat the address');
  }
});

test('a 5xx answers INTERNAL without details, and its log line keeps the stack and the cause', async (t) => {
  const { app, logged } = await appWithLog();
  t.after(() => app.close());
  for (const url of ['/storage', '/bug']) {
    const reply = await app.inject({ method: 'GET', url });
    assert.equal(reply.statusCode, 500);
    assert.deepEqual(Object.keys(reply.json().error).sort(), ['code', 'message']);
    assert.doesNotMatch(reply.body, /SQLITE_FULL|no title|at /, 'nothing of the failure in the reply');
  }
  const [storage, bug] = logged().filter((line) => line.err);
  assert.match(storage!.err!.stack!, /the guide could not be stored[\s\S]*error-handler\.test\.ts/, 'the stack');
  assert.match(storage!.err!.stack!, /caused by: Error: SQLITE_FULL/, 'the cause');
  assert.equal(storage!.code, 'INTERNAL');
  assert.match(bug!.err!.stack!, /TypeError: Cannot read properties[\s\S]*caused by: Error: the row had no title/);
});
