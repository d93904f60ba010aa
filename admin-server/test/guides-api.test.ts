import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backends } from './backends';
import { startApp, TEST_PASSWORD } from './app-harness';
import { guideInput } from './fixtures';

for (const backend of backends) {
  describe(`guides API on ${backend.name}`, { skip: backend.skip }, () => {
    test('an admin creates, edits, unpublishes and deletes a guide; versions count up', async (t) => {
      const { app, admin } = await startApp(t, await backend.open(t));
      const created = await app.inject({
        method: 'POST',
        url: '/api/v1/admin/guides',
        headers: admin,
        payload: guideInput(),
      });
      assert.equal(created.statusCode, 201);
      assert.equal(created.json().version, 1);

      const edited = await app.inject({
        method: 'PUT',
        url: '/api/v1/admin/guides/shebao-card-loss',
        headers: { ...admin, 'if-match': '"1"' },
        payload: guideInput({ title: '社会保障卡正式挂失' }),
      });
      assert.equal(edited.json().title, '社会保障卡正式挂失');
      assert.equal(edited.json().version, 2);

      const listed = await app.inject({ url: '/api/v1/admin/guides?q=正式挂失', headers: admin });
      assert.deepEqual(
        listed.json().guides.map((g: { id: string }) => g.id),
        ['shebao-card-loss'],
      );

      const unpublished = await app.inject({
        method: 'POST',
        url: '/api/v1/admin/guides/shebao-card-loss/publish',
        headers: admin,
        payload: { published: false },
      });
      assert.equal(unpublished.json().published, false);
      const drafts = await app.inject({ url: '/api/v1/admin/guides?published=false', headers: admin });
      assert.equal(drafts.json().total, 1);

      const deleted = await app.inject({
        method: 'DELETE',
        url: '/api/v1/admin/guides/shebao-card-loss',
        headers: admin,
      });
      assert.equal(deleted.statusCode, 204);
      const gone = await app.inject({ url: '/api/v1/admin/guides/shebao-card-loss', headers: admin });
      assert.equal(gone.statusCode, 404);
      assert.equal(gone.json().error.code, 'NOT_FOUND');
    });

    test("the list comes a page at a time, in the kiosk's category order, with the full count", async (t) => {
      const { app, admin } = await startApp(t, await backend.open(t));
      const guides = Array.from({ length: 60 }, (_, i) =>
        guideInput({
          id: `g-${String(i).padStart(2, '0')}`,
          category: i % 2 === 0 ? 'certificates' : 'social-security',
        }),
      );
      await app.inject({
        method: 'POST',
        url: '/api/v1/admin/guides/import',
        headers: admin,
        payload: { format: 'linli-guides', formatVersion: 1, guides },
      });
      const first = (await app.inject({ url: '/api/v1/admin/guides?limit=25', headers: admin })).json();
      assert.equal(first.total, 60);
      assert.equal(first.guides.length, 25);
      assert.equal(first.guides[0].category, 'social-security', 'social security is the first tile on the kiosk');
      const last = (await app.inject({ url: '/api/v1/admin/guides?limit=25&offset=50', headers: admin })).json();
      assert.deepEqual(
        last.guides.map((g: { id: string }) => g.id),
        ['g-40', 'g-42', 'g-44', 'g-46', 'g-48', 'g-50', 'g-52', 'g-54', 'g-56', 'g-58'],
      );
      const tooMany = await app.inject({ url: '/api/v1/admin/guides?limit=5000', headers: admin });
      assert.deepEqual([tooMany.statusCode, tooMany.json().error.code], [400, 'VALIDATION_FAILED']);
    });

    test('an invalid body gets 400 with a code naming the field', async (t) => {
      const { app, admin } = await startApp(t, await backend.open(t));
      const reply = await app.inject({
        method: 'POST',
        url: '/api/v1/admin/guides',
        headers: admin,
        payload: { ...guideInput(), category: 'astrology', title: '' },
      });
      assert.equal(reply.statusCode, 400);
      const { error } = reply.json();
      assert.equal(error.code, 'VALIDATION_FAILED');
      const paths = error.details.map((d: { path: string }) => d.path);
      assert.ok(paths.includes('body/category'), JSON.stringify(paths));
      assert.ok(paths.includes('body/title'), JSON.stringify(paths));
    });

    test('creating an existing id is a conflict and a path/body id mismatch is refused', async (t) => {
      const { app, admin } = await startApp(t, await backend.open(t));
      await app.inject({ method: 'POST', url: '/api/v1/admin/guides', headers: admin, payload: guideInput() });
      const again = await app.inject({
        method: 'POST',
        url: '/api/v1/admin/guides',
        headers: admin,
        payload: guideInput(),
      });
      assert.equal(again.statusCode, 409);
      assert.equal(again.json().error.code, 'ALREADY_EXISTS');
      const mismatch = await app.inject({
        method: 'PUT',
        url: '/api/v1/admin/guides/other-id',
        headers: { ...admin, 'if-match': '"1"' },
        payload: guideInput(),
      });
      assert.equal(mismatch.json().error.code, 'ID_MISMATCH');
    });

    test('admin requests without a session get 401; a wrong password gets 401', async (t) => {
      const { app } = await startApp(t, await backend.open(t));
      for (const url of ['/api/v1/admin/guides', '/api/v1/admin/devices', '/api/v1/admin/guides/export']) {
        const reply = await app.inject({ url });
        assert.equal(reply.statusCode, 401, url);
        assert.equal(reply.json().error.code, 'UNAUTHENTICATED');
      }
      const bad = await app.inject({
        method: 'POST',
        url: '/api/v1/admin/login',
        payload: { username: 'admin', password: 'guess' },
      });
      assert.equal(bad.statusCode, 401);
      assert.equal(bad.json().error.code, 'BAD_CREDENTIALS');
    });

    test('the session cookie is httpOnly and SameSite=Strict, and sign-out ends it', async (t) => {
      const { app, admin } = await startApp(t, await backend.open(t));
      const login = await app.inject({
        method: 'POST',
        url: '/api/v1/admin/login',
        payload: { username: 'admin', password: TEST_PASSWORD },
      });
      const setCookie = String(login.headers['set-cookie']);
      assert.match(setCookie, /HttpOnly/);
      assert.match(setCookie, /SameSite=Strict/);
      await app.inject({ method: 'POST', url: '/api/v1/admin/logout', headers: admin });
      assert.equal((await app.inject({ url: '/api/v1/admin/session', headers: admin })).statusCode, 401);
    });
  });
}
