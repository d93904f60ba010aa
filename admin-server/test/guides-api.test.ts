import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backends } from './backends';
import { startApp } from './app-harness';
import { guideInput } from './fixtures';

for (const backend of backends) {
  describe(`guides API on ${backend.name}`, () => {
    test('an admin creates, edits, unpublishes and deletes a guide; versions count up', async (t) => {
      const { app, cookie } = await startApp(t, await backend.open(t));
      const created = await app.inject({ method: 'POST', url: '/api/v1/admin/guides', headers: { cookie }, payload: guideInput() });
      assert.equal(created.statusCode, 201);
      assert.equal(created.json().version, 1);

      const edited = await app.inject({ method: 'PUT', url: '/api/v1/admin/guides/shebao-card-loss', headers: { cookie }, payload: guideInput({ title: '社会保障卡正式挂失' }) });
      assert.equal(edited.json().title, '社会保障卡正式挂失');
      assert.equal(edited.json().version, 2);

      const listed = await app.inject({ url: '/api/v1/admin/guides?q=正式挂失', headers: { cookie } });
      assert.deepEqual(listed.json().guides.map((g: { id: string }) => g.id), ['shebao-card-loss']);

      const unpublished = await app.inject({ method: 'POST', url: '/api/v1/admin/guides/shebao-card-loss/publish', headers: { cookie }, payload: { published: false } });
      assert.equal(unpublished.json().published, false);
      const drafts = await app.inject({ url: '/api/v1/admin/guides?published=false', headers: { cookie } });
      assert.equal(drafts.json().total, 1);

      const deleted = await app.inject({ method: 'DELETE', url: '/api/v1/admin/guides/shebao-card-loss', headers: { cookie } });
      assert.equal(deleted.statusCode, 204);
      const gone = await app.inject({ url: '/api/v1/admin/guides/shebao-card-loss', headers: { cookie } });
      assert.equal(gone.statusCode, 404);
      assert.equal(gone.json().error.code, 'NOT_FOUND');
    });

    test('an invalid body gets 400 with a code naming the field', async (t) => {
      const { app, cookie } = await startApp(t, await backend.open(t));
      const reply = await app.inject({ method: 'POST', url: '/api/v1/admin/guides', headers: { cookie }, payload: { ...guideInput(), category: 'astrology', title: '' } });
      assert.equal(reply.statusCode, 400);
      const { error } = reply.json();
      assert.equal(error.code, 'VALIDATION_FAILED');
      const paths = error.details.map((d: { path: string }) => d.path);
      assert.ok(paths.includes('body/category'), JSON.stringify(paths));
      assert.ok(paths.includes('body/title'), JSON.stringify(paths));
    });

    test('creating an existing id is a conflict and a path/body id mismatch is refused', async (t) => {
      const { app, cookie } = await startApp(t, await backend.open(t));
      await app.inject({ method: 'POST', url: '/api/v1/admin/guides', headers: { cookie }, payload: guideInput() });
      const again = await app.inject({ method: 'POST', url: '/api/v1/admin/guides', headers: { cookie }, payload: guideInput() });
      assert.equal(again.statusCode, 409);
      assert.equal(again.json().error.code, 'ALREADY_EXISTS');
      const mismatch = await app.inject({ method: 'PUT', url: '/api/v1/admin/guides/other-id', headers: { cookie }, payload: guideInput() });
      assert.equal(mismatch.json().error.code, 'ID_MISMATCH');
    });

    test('admin requests without a session get 401; a wrong password gets 401', async (t) => {
      const { app } = await startApp(t, await backend.open(t));
      for (const url of ['/api/v1/admin/guides', '/api/v1/admin/devices', '/api/v1/admin/guides/export']) {
        const reply = await app.inject({ url });
        assert.equal(reply.statusCode, 401, url);
        assert.equal(reply.json().error.code, 'UNAUTHENTICATED');
      }
      const bad = await app.inject({ method: 'POST', url: '/api/v1/admin/login', payload: { username: 'admin', password: 'guess' } });
      assert.equal(bad.statusCode, 401);
      assert.equal(bad.json().error.code, 'BAD_CREDENTIALS');
    });

    test('after five wrong passwords sign-in is refused for a while, even with the right one', async (t) => {
      let now = new Date('2026-11-28T10:00:00Z');
      const { app } = await startApp(t, await backend.open(t), () => now);
      const login = (password: string) => app.inject({ method: 'POST', url: '/api/v1/admin/login', payload: { username: 'admin', password } });
      for (let i = 0; i < 5; i++) assert.equal((await login(`guess-${i}`)).json().error.code, 'BAD_CREDENTIALS');
      const locked = await login('correct horse battery');
      assert.equal(locked.statusCode, 429);
      assert.equal(locked.json().error.code, 'TOO_MANY_ATTEMPTS');
      now = new Date('2026-11-28T10:16:00Z');
      assert.equal((await login('correct horse battery')).statusCode, 200);
    });

    test('the session cookie is httpOnly and SameSite=Strict, and sign-out ends it', async (t) => {
      const { app, cookie } = await startApp(t, await backend.open(t));
      const login = await app.inject({ method: 'POST', url: '/api/v1/admin/login', payload: { username: 'admin', password: 'correct horse battery' } });
      const setCookie = String(login.headers['set-cookie']);
      assert.match(setCookie, /HttpOnly/);
      assert.match(setCookie, /SameSite=Strict/);
      await app.inject({ method: 'POST', url: '/api/v1/admin/logout', headers: { cookie } });
      assert.equal((await app.inject({ url: '/api/v1/admin/session', headers: { cookie } })).statusCode, 401);
    });
  });
}
