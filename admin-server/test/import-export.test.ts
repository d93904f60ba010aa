import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backends } from './backends';
import { startApp } from './app-harness';
import { guideInput } from './fixtures';
import { readDemoGuides } from '../src/demo-content';

const file = (guides: unknown[]) => ({ format: 'linli-guides', formatVersion: 1, guides });

for (const backend of backends) {
  describe(`guide import and export on ${backend.name}`, { skip: backend.skip }, () => {
    test('the demo catalog imports whole and exports back to the same content', async (t) => {
      const { app, admin } = await startApp(t, await backend.open(t));
      const demo = readDemoGuides();
      assert.ok(demo.guides.length >= 150, `demo has ${demo.guides.length} guides`);
      const imported = await app.inject({
        method: 'POST',
        url: '/api/v1/admin/guides/import',
        headers: admin,
        payload: demo,
      });
      assert.equal(imported.statusCode, 200, imported.body);
      assert.deepEqual(imported.json(), { created: demo.guides.length, updated: 0, unchanged: 0 });

      const exported = await app.inject({ url: '/api/v1/admin/guides/export', headers: admin });
      const byId = (list: { id: string }[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));
      assert.deepEqual(byId(exported.json().guides), byId(demo.guides));

      const again = await app.inject({
        method: 'POST',
        url: '/api/v1/admin/guides/import',
        headers: admin,
        payload: demo,
      });
      assert.deepEqual(again.json(), { created: 0, updated: 0, unchanged: demo.guides.length });
    });

    test('a malformed entry rejects the whole file, naming the entry and the field', async (t) => {
      const { app, admin } = await startApp(t, await backend.open(t));
      const good = guideInput({ id: 'good-one' });
      const bad = guideInput({ id: 'bad-one', materials: [{ name: '', required: true }] });
      const reply = await app.inject({
        method: 'POST',
        url: '/api/v1/admin/guides/import',
        headers: admin,
        payload: file([good, bad]),
      });
      assert.equal(reply.statusCode, 400);
      const { error } = reply.json();
      assert.equal(error.code, 'IMPORT_INVALID');
      assert.ok(
        error.details.some((d: { path: string }) => d.path === '/guides/1 (bad-one)/materials/0/name'),
        JSON.stringify(error.details),
      );
      const listed = await app.inject({ url: '/api/v1/admin/guides', headers: admin });
      assert.equal(listed.json().total, 0, 'nothing was half-imported');
    });

    test('duplicate ids and a wrong envelope are refused', async (t) => {
      const { app, admin } = await startApp(t, await backend.open(t));
      const dup = await app.inject({
        method: 'POST',
        url: '/api/v1/admin/guides/import',
        headers: admin,
        payload: file([guideInput(), guideInput()]),
      });
      assert.equal(dup.json().error.details[0].path, '/guides/1 (shebao-card-loss)/id');
      const envelope = await app.inject({
        method: 'POST',
        url: '/api/v1/admin/guides/import',
        headers: admin,
        payload: { guides: [] },
      });
      assert.equal(envelope.statusCode, 400);
      assert.equal(envelope.json().error.code, 'IMPORT_INVALID');
    });
  });
}
