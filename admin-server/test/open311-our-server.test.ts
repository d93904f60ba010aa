/**
 * Our own /open311/v2/ against the conformance suite (admin-server/test/open311/conformance.ts):
 * discovery, services, definitions, errors, posting with a key in JSON and XML, and the requests
 * with their filters all follow GeoReport v2.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Open311KeyCreated } from '@linli/protocol';
import { startApp } from './app-harness';
import { backends } from './backends';
import { checkOpen311Server } from './open311/conformance';

test("the admin server's Open311 endpoint passes the conformance suite, posting included", async (t) => {
  const { app, admin, root, call } = await startApp(t, await backends[0]!.open(t));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const key = (
    await call(admin, 'POST', '/open311-keys', { name: '一致性检查', orgId: root.id })
  ).json() as Open311KeyCreated;
  const findings = await checkOpen311Server({
    baseUrl: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/open311/v2`,
    apiKey: key.key,
    postSample: { serviceCode: 'sanitation_garbage', addressString: '临江小区3号楼', description: '垃圾桶满了' },
  });
  assert.deepEqual(findings, []);
});
