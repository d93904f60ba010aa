/**
 * Forwarding a case to the city platform (市民心声), over real HTTP with the simulated platform: the
 * platform down at first, the case is kept and sent again after its pause; the platform's updates,
 * signed, move the case — 受理, 答复, 办结 — each step the platform's on the timeline; an unsigned, a
 * stale or a mismatched update is refused; a platform that refuses a case marks it failed; a case
 * the platform returns is the community's again.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CITY_SIGNATURE_HEADER, CITY_UPDATES_PATH, type CaseList, type CaseView } from '@linli/protocol';
import { citySignature, createWebhookPlatform } from '../src/city/city-platform';
import { createCityPlatformSimulator } from '../src/city/city-platform-simulator';
import { startApp } from './app-harness';
import { backends } from './backends';

const SECRET = 'city-platform-secret-2026';

test('a forwarded case reaches the city platform despite an outage and follows its updates to 办结', async (t) => {
  let now = new Date('2026-12-07T02:00:00Z');
  let url = '';
  let platformDown = true;
  let platformRefuses = false;
  const simulator = createCityPlatformSimulator({ secret: SECRET, clock: () => now, serverUrl: () => url });
  const platform = createWebhookPlatform({
    name: '市民心声',
    url: () => `${url}/city-sim/forwards`,
    secret: SECRET,
    clock: () => now,
    fetch: async (input, init) => {
      if (platformDown) throw new TypeError('fetch failed: connection refused');
      if (platformRefuses) return new Response('{"error":"category"}', { status: 422 });
      return fetch(input, init);
    },
  });
  const { app, admin, services } = await startApp(t, await backends[0]!.open(t), () => now, {
    cityPlatform: platform,
    citySecret: SECRET,
    citySimulator: simulator,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const call = (method: 'GET' | 'POST', path: string, payload?: object) =>
    app.inject({ method, url: `/api/v1/admin${path}`, headers: admin, ...(payload && { payload }) });

  const take = async (description: string) => {
    await call('POST', '/cases', {
      channel: 'walk-in',
      nature: 'complaint',
      category: 'environment/noise',
      description,
      contact: { name: '李四', phone: '13900001111' },
    });
    const [taken] = ((await call('GET', `/cases?q=${encodeURIComponent(description)}`)).json() as CaseList).cases;
    await call('POST', `/cases/${taken!.id}/actions`, { action: 'accept', version: 1 });
    return taken!.id;
  };
  const view = async (id: number) => (await call('GET', `/cases/${id}`)).json() as CaseView;

  // Forwarded while the platform is down: kept, with the reason shown, and sent after its pause.
  const id = await take('楼下烧烤店深夜噪音扰民');
  assert.ok((await view(id)).actions!.includes('forward'));
  const forwarded = await call('POST', `/cases/${id}/actions`, { action: 'forward', version: 2 });
  assert.equal(forwarded.statusCode, 200, forwarded.body);
  assert.equal(await services.caseForwarding!.sendDue(), 0);
  let shown = await view(id);
  assert.equal(shown.state, 'dispatched');
  assert.equal(shown.forwarded?.state, 'pending');
  assert.match(shown.forwarded?.lastError ?? '', /connection refused/);
  platformDown = false;
  assert.equal(await services.caseForwarding!.sendDue(), 0, 'not before its pause');
  now = new Date(now.getTime() + 31_000);
  assert.equal(await services.caseForwarding!.sendDue(), 1);
  shown = await view(id);
  const externalId = shown.forwarded!.externalId!;
  assert.match(externalId, /^SMXS\d{8}$/);
  // The platform has what it needs to call the resident back.
  const [atPlatform] = simulator.cases();
  assert.deepEqual(atPlatform!.forward.contact, { name: '李四', phone: '13900001111' });
  assert.equal(atPlatform!.forward.categoryName, '噪声扰民');

  // Its updates, signed, move the case.
  await simulator.update(externalId, 'accepted');
  assert.equal((await view(id)).state, 'handling');
  await simulator.update(externalId, 'closed', '已联系商户调整营业时间，噪音问题已解决');
  shown = await view(id);
  assert.deepEqual([shown.state, shown.reply], ['closed', '已联系商户调整营业时间，噪音问题已解决']);
  assert.deepEqual(
    shown.steps!.filter((step) => step.actor === 'city:市民心声').map((step) => step.action),
    ['sign', 'reply', 'review', 'close'],
  );

  // Refused: unsigned, stale, signed with another secret, or naming another case.
  const post = (body: string, signature?: string) =>
    app.inject({
      method: 'POST',
      url: CITY_UPDATES_PATH,
      headers: { 'content-type': 'application/json', ...(signature && { [CITY_SIGNATURE_HEADER]: signature }) },
      payload: body,
    });
  const update = JSON.stringify({ tracking: shown.tracking, externalId, status: 'returned', text: '不属本平台' });
  const seconds = Math.floor(now.getTime() / 1000);
  assert.equal((await post(update)).json().error.code, 'CITY_SIGNATURE_INVALID');
  assert.equal((await post(update, citySignature(SECRET, update, seconds - 600))).statusCode, 401);
  assert.equal((await post(update, citySignature('another secret', update, seconds))).statusCode, 401);
  const elsewhere = JSON.stringify({ tracking: shown.tracking, externalId: 'SMXS00000000', status: 'closed' });
  assert.equal((await post(elsewhere, citySignature(SECRET, elsewhere, seconds))).statusCode, 404);

  // A case the platform refuses is marked failed and not sent again.
  const refused = await take('小区门口乱停车');
  platformRefuses = true;
  await call('POST', `/cases/${refused}/actions`, { action: 'forward', version: 2 });
  await services.caseForwarding!.sendDue();
  assert.equal((await view(refused)).forwarded?.state, 'failed');

  // A case the platform returns is the community's to handle again.
  platformRefuses = false;
  const returned = await take('楼道堆放杂物');
  await call('POST', `/cases/${returned}/actions`, { action: 'forward', version: 2 });
  await services.caseForwarding!.sendDue();
  await simulator.update((await view(returned)).forwarded!.externalId!, 'returned', '属社区管理事项');
  shown = await view(returned);
  assert.deepEqual([shown.state, shown.forwarded], ['accepted', undefined]);
  assert.equal(shown.steps!.at(-1)!.note, '属社区管理事项');

  // The simulated platform's page lists what it received.
  const page = await app.inject({ url: '/city-sim/' });
  assert.match(page.body, new RegExp(externalId));
});
