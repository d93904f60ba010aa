import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { get, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BridgeEvent } from '@linli/protocol';
import { createCatalog } from '../host/catalog/catalog';
import { createPeripheralBridge } from '../host/peripherals/peripheral-bridge';
import { startPeripheralManager } from '../host/peripherals/peripheral-manager';
import { createMaintenanceLock } from '../host/peripherals/maintenance-lock';
import type { KioskHost } from '../host/kiosk-host';
import { startBridgeServer } from '../shells/browser/bridge-server';
import type { RendererBundle } from '../shells/common/renderer-assets';
import { guide, notice, tempCache, upsert, upsertNotice } from './fixtures';
import { sha256Of } from './media-server';

const page: RendererBundle = {
  asset: (pathname, token) =>
    pathname === '/' ? { headers: { 'content-type': 'text/html' }, body: `<meta content="${token}">` } : undefined,
};

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const PNG_SHA = sha256Of(PNG);

/** One stored image a held notice references. */
function storedMedia(t: Parameters<typeof tempCache>[0]): KioskHost['mediaFile'] {
  const dir = mkdtempSync(path.join(tmpdir(), 'linli-served-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(path.join(dir, PNG_SHA), PNG);
  return (sha256) =>
    sha256 === PNG_SHA ? { path: path.join(dir, PNG_SHA), bytes: PNG.length, mime: 'image/png' } : undefined;
}

async function startWith(t: Parameters<typeof tempCache>[0], mediaFile: KioskHost['mediaFile'] = storedMedia(t)) {
  const { cache } = tempCache(t);
  cache.applyPage(
    [
      upsert(guide('shebao-card-loss', '社会保障卡挂失', { aliases: ['社保'] })),
      upsert(guide('dibao', '最低生活保障申请', { category: 'minimum-living', aliases: ['低保'] })),
      upsertNotice(notice('water', '社区停水通知', '2026-01-01T00:00:00.000Z')),
    ],
    3,
    new Date(),
  );
  const catalog = createCatalog({
    cache,
    clock: () => new Date(),
    mediaStored: () => true,
    status: () => ({ online: false, storageFull: false, lastSyncAt: null, deviceName: '测试机', mediaPending: 0 }),
  });
  const listeners = new Set<(event: BridgeEvent) => void>();
  const photos: number[] = [];
  const host: KioskHost = {
    bridge: {
      ...catalog.bridge,
      ...createPeripheralBridge(
        startPeripheralManager({ peripherals: [] }, () => undefined),
        createMaintenanceLock(undefined),
        () => undefined,
      ).bridge,
      listForms: async () => [],
      printForm: async () => ({}),
      getPrintProgress: async () => ({ stage: 'idle' }),
      listAlerts: async () => [],
      billUtilities: async () => ({ utilities: [] }),
      queryBill: async () => assert.fail('no bills here'),
      boundBillAccounts: async () => ({ accounts: [] }),
      payBill: async () => assert.fail('no payments here'),
      billPaymentStatus: async () => assert.fail('no payments here'),
      cancelBillPayment: async () => assert.fail('no payments here'),
      printBillReceipt: async () => assert.fail('no receipts here'),
      printBill: async () => assert.fail('no bills here'),
      deskStatus: async () => ({ profile: 'kiosk', pinSet: false, locked: false }),
      deskSignIn: async () => assert.fail('no desk here'),
      deskSetPin: async () => assert.fail('no desk here'),
      deskLock: async () => assert.fail('no desk here'),
      deskUnlock: async () => assert.fail('no desk here'),
      deskSignOut: async () => assert.fail('no desk here'),
      recordConsultation: async () => assert.fail('no desk here'),
      deskToday: async () => assert.fail('no desk here'),
      caseCatalogue: async () => assert.fail('no cases here'),
      caseAddresses: async () => ({ addresses: [] }),
      async submitCase({ nature, photo }) {
        photos.push(photo ? Buffer.from(photo.jpegBase64, 'base64').length : 0);
        return {
          clientId: '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
          state: 'queued',
          nature,
          queuedAt: new Date().toISOString(),
        };
      },
      caseSubmissions: async () => ({ items: [], waitingFromEarlier: 0 }),
      printCaseTicket: async () => assert.fail('no cases here'),
      caseStatus: async () => assert.fail('no cases here'),
      openCaseCamera: async () => ({}),
      closeCaseCamera: async () => ({}),
      queueOffer: async () => assert.fail('no queue here'),
      takeQueueTicket: async () => assert.fail('no queue here'),
      checkInQueue: async () => assert.fail('no queue here'),
      printQueueTicket: async () => assert.fail('no queue here'),
      getKioskSettings: async () => ({ idleSec: 90, warningSec: 15, speechAvailable: false, attractNotices: true }),
      speak: async () => ({}),
      stopSpeaking: async () => ({}),
      printGuideChecklist: async () => ({}),
      beginVisit: async () => ({}),
      notePreferences: async () => ({}),
      endVisit: async () => ({}),
    },
    onEvent: (listener) => (listeners.add(listener), () => listeners.delete(listener)),
    settings: () => assert.fail('the bridge server does not read settings'),
    mediaFile,
    caseCameraOpen: () => false,
    start: async () => undefined,
    stop: async () => undefined,
  };
  const server = await startBridgeServer({ host, renderer: page, port: 0 });
  t.after(() => server.close());
  const call = (method: string, params: unknown, token = server.token) =>
    fetch(`${server.url}/bridge/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-linli-boot-token': token },
      body: JSON.stringify(params),
    });
  return { server, call, photos, emit: (event: BridgeEvent) => listeners.forEach((l) => l(event)) };
}

test('bridge calls with the boot token reach the host and return typed results', async (t) => {
  const { call } = await startWith(t);
  const hits = await (await call('searchGuides', { query: '低保' })).json();
  assert.equal(hits[0].id, 'dibao');
  const traditional = await (await call('getGuide', { id: 'shebao-card-loss', locale: 'zh-Hant' })).json();
  assert.equal(traditional.title, '社會保障卡掛失');
  const status = await (await call('getStatus', {})).json();
  assert.deepEqual(status, {
    online: false,
    storageFull: false,
    lastSyncAt: null,
    deviceName: '测试机',
    mediaPending: 0,
    guideCount: 2,
  });
  const notices = await (await call('listNotices', { locale: 'zh-Hant' })).json();
  assert.deepEqual(
    notices.map((n: { title: string }) => n.title),
    ['社區停水通知'],
  );
  assert.equal((await (await call('getNotice', { id: 'water' })).json()).issuer, '安和街道办事处');
});

test('calls without the token, with bad params or to unknown methods get coded errors', async (t) => {
  const { call, server } = await startWith(t);
  const noToken = await call('getStatus', {}, 'wrong');
  assert.equal(noToken.status, 401);
  assert.equal((await noToken.json()).error.code, 'BRIDGE_TOKEN_INVALID');
  const badParams = await call('searchGuides', { query: 42 });
  assert.equal(badParams.status, 400);
  assert.equal((await badParams.json()).error.details[0].path, '/query');
  assert.equal((await call('dropTables', {})).status, 404);
  const missing = await call('getGuide', { id: 'nope' });
  assert.equal((await missing.json()).error.code, 'NOT_FOUND');
  const badLocale = await call('listNotices', { locale: 'fr' });
  assert.equal((await badLocale.json()).error.details[0].path, '/locale');
  assert.equal((await (await call('getNotice', { id: 'nope' })).json()).error.code, 'NOT_FOUND');
  const events = await fetch(`${server.url}/bridge/events?token=wrong`);
  assert.equal(events.status, 401);
});

test("a call's body is small, but for a case with its photo", async (t) => {
  const { call, photos } = await startWith(t);
  const long = await call('searchGuides', { query: '社'.repeat(40_000) });
  assert.equal(long.status, 413);
  assert.equal((await long.json()).error.code, 'BODY_TOO_LARGE');
  const jpeg = Buffer.alloc(1_500_000, 0xab);
  jpeg.set([0xff, 0xd8, 0xff, 0xe0]);
  const withPhoto = await call('submitCase', {
    nature: 'complaint',
    category: 'sanitation/garbage',
    description: '垃圾桶三天没有清运',
    photo: { jpegBase64: jpeg.toString('base64') },
  });
  assert.equal(withPhoto.status, 200, await withPhoto.clone().text());
  assert.deepEqual(photos, [jpeg.length], 'the photo reached the host whole');
});

test('the page carries the token; host events reach the renderer as server-sent events', async (t) => {
  const { server, emit } = await startWith(t);
  assert.match(await (await fetch(`${server.url}/`)).text(), new RegExp(server.token));
  const controller = new AbortController();
  t.after(() => controller.abort());
  const stream = await fetch(`${server.url}/bridge/events?token=${server.token}`, { signal: controller.signal });
  const reader = stream.body!.getReader();
  await reader.read();
  emit('catalog-changed');
  const { value } = await reader.read();
  assert.match(new TextDecoder().decode(value), /event: catalog-changed/);
});

test('stored media are served without the token, in whole or in part; unknown and malformed hashes get 404', async (t) => {
  const { server } = await startWith(t);
  const whole = await fetch(`${server.url}/media/${PNG_SHA}`);
  assert.equal(whole.status, 200);
  assert.equal(whole.headers.get('content-type'), 'image/png');
  assert.equal(whole.headers.get('x-content-type-options'), 'nosniff');
  assert.deepEqual(Buffer.from(await whole.arrayBuffer()), PNG);
  const part = await fetch(`${server.url}/media/${PNG_SHA}`, { headers: { range: 'bytes=4-' } });
  assert.equal(part.status, 206);
  assert.equal(part.headers.get('content-range'), `bytes 4-15/16`);
  assert.deepEqual(Buffer.from(await part.arrayBuffer()), PNG.subarray(4));
  for (const name of ['0'.repeat(64), PNG_SHA.toUpperCase(), 'nope', `${PNG_SHA}/x`, '..%2Fcache.sqlite']) {
    const missing = await fetch(`${server.url}/media/${name}`);
    assert.equal(missing.status, 404, name);
    assert.equal((await missing.json()).error.code, 'NOT_FOUND');
  }
});

test('closing ends the connections the page holds: a video reply it stopped reading does not keep the shell running', async (t) => {
  // Larger than what the sockets between them buffer, so the reply cannot finish unread.
  const bytes = 64 * 1024 * 1024;
  const dir = mkdtempSync(path.join(tmpdir(), 'linli-served-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const video = path.join(dir, 'video.mp4');
  writeFileSync(video, '');
  truncateSync(video, bytes);
  const sha256 = sha256Of(Buffer.from('a long video'));
  const { server } = await startWith(t, (wanted) =>
    wanted === sha256 ? { path: video, bytes, mime: 'video/mp4' } : undefined,
  );

  // As a paused <video> does: the reply has begun and nothing more is read.
  const request = get(`${server.url}/media/${sha256}`);
  const [response] = (await once(request, 'response')) as [IncomingMessage];
  response.pause();
  assert.equal(response.statusCode, 200);

  const outcome = await Promise.race([server.close().then(() => 'closed'), sleep(3000, 'still open')]);
  request.destroy();
  assert.equal(outcome, 'closed');
});
