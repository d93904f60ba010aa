/**
 * A city platform that speaks Open311 (here a second Linli server's /open311/v2/): the forwarded
 * case is posted there with its key, and once the platform closes it, asking about it closes the
 * case here with the platform's answer.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CaseList, CaseView, IssuedKeyCreated } from '@linli/protocol';
import { createOpen311Platform } from '../src/city/city-platform';
import { startApp } from './app-harness';
import { backends } from './backends';

test('a case forwarded to an Open311 platform is closed here when the platform closes it', async (t) => {
  const platform = await startApp(t, await backends[0]!.open(t));
  await platform.app.listen({ port: 0, host: '127.0.0.1' });
  const address = platform.app.server.address();
  const platformUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/open311/v2`;
  const key = (
    await platform.call(platform.admin, 'POST', '/open311-keys', { name: '安和区转办', orgId: platform.root.id })
  ).json() as IssuedKeyCreated;

  const here = await startApp(t, await backends[0]!.open(t), undefined, {
    cityPlatform: createOpen311Platform({ name: '12345', baseUrl: platformUrl, apiKey: key.key }),
  });
  const call = (method: 'GET' | 'POST', path: string, payload?: object) => here.call(here.admin, method, path, payload);
  const receipt = (
    await call('POST', '/cases', {
      channel: 'walk-in',
      nature: 'complaint',
      category: 'environment/noise',
      description: '楼下烧烤店深夜噪音扰民',
      location: { text: '临江小区南门' },
      contact: { name: '李四', phone: '13900001111' },
    })
  ).json() as { tracking: string };
  const id = ((await call('GET', `/cases?q=${receipt.tracking}`)).json() as CaseList).cases[0]!.id;
  await call('POST', `/cases/${id}/actions`, { action: 'accept', version: 1 });
  await call('POST', `/cases/${id}/actions`, { action: 'forward', version: 2 });
  assert.equal(await here.services.caseForwarding!.sendDue(), 1);
  const externalId = ((await call('GET', `/cases/${id}`)).json() as CaseView).forwarded!.externalId!;

  // At the platform: the case with its category, place and the resident to call back.
  const [arrived] = ((await platform.call(platform.admin, 'GET', `/cases?q=${externalId}`)).json() as CaseList).cases;
  assert.deepEqual(
    [arrived!.channel, arrived!.category, arrived!.location?.text, arrived!.contactMasked],
    ['open311', 'environment/noise', '临江小区南门', { name: '李*', phone: '139****1111' }],
  );
  assert.equal(await here.services.caseForwarding!.syncStatuses(), 0, 'still open there');

  // The platform answers and closes it; asked again, the case closes here with its answer.
  await platform.call(platform.admin, 'POST', `/cases/${arrived!.id}/actions`, {
    action: 'answer',
    version: 1,
    reply: '已责令商户22点后停止露天烧烤',
  });
  assert.equal(await here.services.caseForwarding!.syncStatuses(), 1);
  const closed = (await call('GET', `/cases/${id}`)).json() as CaseView;
  assert.deepEqual([closed.state, closed.reply], ['closed', '已责令商户22点后停止露天烧烤']);
});
