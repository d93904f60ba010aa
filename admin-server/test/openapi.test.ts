/**
 * The served OpenAPI document is valid OpenAPI 3.1 as an independent validator reads it, so client
 * generators and API tools accept it. Its schemas are JSON Schema 2020-12 (TypeBox), which only
 * 3.1 allows (3.0 rejects, e.g., a numeric exclusiveMinimum).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Validator } from '@seriousme/openapi-schema-validator';
import { startApp } from './app-harness';
import { backends } from './backends';

test('the served OpenAPI document is valid OpenAPI 3.1 and lists the admin and device APIs', async (t) => {
  const { app } = await startApp(t, await backends[0]!.open(t), undefined, { apiDocs: true });
  const reply = await app.inject({ method: 'GET', url: '/docs/json' });
  assert.equal(reply.statusCode, 200);
  const spec = reply.json() as { openapi: string; paths: Record<string, unknown> };
  assert.equal(spec.openapi, '3.1.0');
  const result = await new Validator().validate(structuredClone(spec));
  assert.deepEqual(result.errors ?? [], [], 'no validation errors');
  assert.equal(result.valid, true);
  assert.ok(
    spec.paths['/api/v1/sync/changes'] && spec.paths['/api/v1/admin/guides/import'],
    'device and admin routes are documented',
  );
});

test('the API browser is off unless LINLI_API_DOCS turns it on', async (t) => {
  const { app } = await startApp(t, await backends[0]!.open(t));
  assert.equal((await app.inject({ method: 'GET', url: '/docs/json' })).statusCode, 404);
  assert.equal((await app.inject({ method: 'GET', url: '/docs' })).statusCode, 404);
});
