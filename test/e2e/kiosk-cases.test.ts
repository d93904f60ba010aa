/**
 * A resident's complaint at the kiosk in Chromium, with a photo through the kiosk's camera
 * (Chromium's fake camera: video only, stopped as soon as the photo is taken), with the admin
 * server away when they send it: the screen says it is saved on the kiosk and will be sent; the
 * server comes back (same port, same database) and the screen turns to 已受理 with the tracking
 * number by itself — the case reaches the server with its one photo, and nothing of the photo is
 * left in the kiosk's outbox file; the 受理单
 * prints (ESC/POS printer simulator on real TCP) with the tracking number and the status page's QR
 * code; staff dispatch and answer it; the resident looks it up at the kiosk with the tracking
 * number and the last 4 digits of their phone and reads the answer.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startPrinterSimulator } from '../../device-drivers/src/receipt-printer/printer-simulator';
import { apiAs, nodesByName } from '../../build/scripts/admin-api';
import { startAdminServer, startKiosk, type LinliProcess } from '../../build/scripts/processes';
import { seriousViolations } from './axe';
import { launchChromium } from './browser';
import { startVisit } from './kiosk-fixture';

const ADMIN_PASSWORD = 'Admin2026cases';

/**
 * Keeps every stream the page's getUserMedia opens, with what was asked, for the test to look at;
 * while `window.cameraRefusal` names a DOMException, the camera is refused with it instead.
 */
function recordCameraStreams(): void {
  const devices = navigator.mediaDevices;
  const open = devices.getUserMedia.bind(devices);
  const opened: { constraints: MediaStreamConstraints; stream: MediaStream }[] = [];
  const page = window as unknown as { cameraStreams: typeof opened; cameraRefusal?: string };
  page.cameraStreams = opened;
  devices.getUserMedia = async (constraints) => {
    if (page.cameraRefusal) throw new DOMException('refused by the test', page.cameraRefusal);
    const stream = await open(constraints);
    opened.push({ constraints: constraints ?? {}, stream });
    return stream;
  };
}

/** What each stream the page opened asked for, and which of its tracks still run. */
const cameraStreams = (page: Page) =>
  page.evaluate(() =>
    (
      window as unknown as { cameraStreams: { constraints: MediaStreamConstraints; stream: MediaStream }[] }
    ).cameraStreams.map(({ constraints, stream }) => ({
      audio: Boolean(constraints.audio),
      tracks: stream.getTracks().map((track) => `${track.kind} ${track.readyState}`),
    })),
  );

/**
 * How many of the photo's telling runs of bytes (64 bytes with at least 24 different values: the
 * fake camera's picture compresses to long runs of zeros, which any file holds) are in the outbox
 * file or its write-ahead log.
 */
function photoLeftIn(file: string, photo: Buffer): number {
  const runs = Array.from({ length: Math.floor(photo.length / 64) }, (_, at) =>
    photo.subarray(at * 64, at * 64 + 64),
  ).filter((run) => new Set(run).size >= 24);
  assert.ok(runs.length > 0, 'the photo has telling runs');
  const held = [file, `${file}-wal`].filter(existsSync).map((name) => readFileSync(name));
  return runs.filter((run) => held.some((bytes) => bytes.includes(run))).length;
}

async function typeOnPad(page: Page, digits: string): Promise<void> {
  for (const digit of digits)
    await page.locator('.digit-pad-keys').getByRole('button', { name: digit, exact: true }).click();
}

test(
  'a complaint sent while the server is away is kept, sent when it returns, printed, answered and looked up',
  { timeout: 180_000 },
  async (t) => {
    const printer = await startPrinterSimulator({ port: 0 });
    t.after(() => printer.close());
    const dataDir = mkdtempSync(path.join(tmpdir(), 'linli-kiosk-cases-'));
    t.after(() => rmSync(dataDir, { recursive: true, force: true }));
    const devicesFile = path.join(dataDir, 'devices.json');
    writeFileSync(
      devicesFile,
      JSON.stringify({
        peripherals: [{ id: 'receipt', driver: 'escpos-tcp', host: '127.0.0.1', port: printer.port, paperWidthMm: 80 }],
      }),
    );
    const adminEnv = {
      ...process.env,
      LINLI_DATA_DIR: path.join(dataDir, 'admin'),
      LINLI_LOG_LEVEL: 'warn',
      LINLI_ADMIN_PASSWORD: ADMIN_PASSWORD,
    };
    let admin: LinliProcess = await startAdminServer({ ...adminEnv, LINLI_ADMIN_PORT: '0' });
    t.after(() => admin.stop());
    const adminUrl = admin.ready.url!;
    const kiosk = await startKiosk({
      ...process.env,
      LINLI_DATA_DIR: path.join(dataDir, 'kiosk'),
      LINLI_LOG_LEVEL: 'warn',
      LINLI_KIOSK_PORT: '0',
      LINLI_SERVER_URL: adminUrl,
      LINLI_ENROLLMENT_CODE: admin.ready.enrollmentCode!,
      LINLI_DEVICES_FILE: devicesFile,
    });
    t.after(() => kiosk.stop());
    const browser = await launchChromium({ fakeCamera: true });
    t.after(() => browser.close());
    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    await page.addInitScript('window.__name = (fn) => fn');
    await page.addInitScript(recordCameraStreams);
    await page.goto(`${kiosk.ready.url}/`);
    await page.locator('.attract').waitFor();
    const noViolations = async (screen: string) => assert.deepEqual(await seriousViolations(page, false), [], screen);

    await startVisit(page);
    await page.getByRole('button', { name: /诉求服务/ }).click();
    await page.getByRole('button', { name: /我要投诉/ }).click();
    await page.getByRole('button', { name: '市容环卫' }).click();
    await page.getByRole('button', { name: '垃圾清运' }).click();
    await noViolations('cases: the details');

    // Sent with nothing written: said under the field, nothing leaves the screen.
    await page.getByRole('button', { name: '提交', exact: true }).click();
    assert.equal(await page.locator('#case-description-error').innerText(), '请写下要反映的情况');
    await page.locator('#case-description').fill('3号楼北侧垃圾桶三天没有清运，气味很大');
    // The community's buildings are offered (the demo grids of 临江社区); picking one fills the place.
    await page.locator('.case-addresses').getByRole('button', { name: '3号楼1单元' }).click();
    assert.equal(await page.locator('#case-place').inputValue(), '3号楼1单元');
    await page.locator('#case-phone').fill('138123');
    await page.getByRole('button', { name: '提交', exact: true }).click();
    assert.match(await page.locator('#case-phone-error').innerText(), /电话号码不正确/);
    await page.locator('#case-phone').fill('13812345678');
    // Shown masked once typed: someone behind the resident reads no number.
    await page.locator('#case-place').click();
    assert.equal(await page.locator('#case-phone').inputValue(), '138****5678');

    // A kiosk whose camera may not be used says so plainly, and the form goes on as it was.
    await page.evaluate(
      () => void ((window as unknown as { cameraRefusal?: string }).cameraRefusal = 'NotAllowedError'),
    );
    await page.getByRole('button', { name: '拍照', exact: true }).click();
    assert.match(await page.locator('.case-camera .task-error').innerText(), /摄像头没有开启使用权限/);
    await noViolations('cases: the camera refused');
    await page.getByRole('button', { name: '不拍照，继续填写' }).click();
    assert.equal(await page.locator('#case-description').inputValue(), '3号楼北侧垃圾桶三天没有清运，气味很大');
    await page.evaluate(() => delete (window as unknown as { cameraRefusal?: string }).cameraRefusal);

    // A photo of the bins: the camera runs on its own step only, video only, and stops once the photo is taken.
    await page.getByRole('button', { name: '拍照', exact: true }).click();
    await page.locator('.case-camera[data-camera="live"]').waitFor();
    assert.deepEqual(await cameraStreams(page), [{ audio: false, tracks: ['video live'] }]);
    await noViolations('cases: the camera');
    await page.locator('.case-shutter').click();
    await page.locator('.case-photo-preview').waitFor();
    assert.deepEqual(await cameraStreams(page), [{ audio: false, tracks: ['video ended'] }]);
    const [photoWidth, photoHeight, photoUrl] = await page
      .locator('.case-photo-preview')
      .evaluate((image: HTMLImageElement) => [image.naturalWidth, image.naturalHeight, image.src] as const);
    assert.ok(photoWidth > 0 && Math.max(photoWidth, photoHeight) <= 1600, `${photoWidth}×${photoHeight}`);
    assert.ok(photoUrl.startsWith('data:image/jpeg;base64,'), 'a JPEG');
    const photo = Buffer.from(photoUrl.slice(photoUrl.indexOf(',') + 1), 'base64');
    await noViolations('cases: the details with a photo');
    // Taken again: a new stream, stopped in turn; the form keeps the newer photo.
    await page.getByRole('button', { name: '重拍' }).click();
    await page.locator('.case-camera[data-camera="live"]').waitFor();
    await page.getByRole('button', { name: '不要照片' }).click();
    assert.equal(await page.locator('.case-photo-preview').count(), 0, 'no photo now');
    assert.deepEqual(
      (await cameraStreams(page)).map((stream) => stream.tracks),
      [['video ended'], ['video ended']],
    );
    await page.getByRole('button', { name: '拍照', exact: true }).click();
    await page.locator('.case-camera[data-camera="live"]').waitFor();
    await page.locator('.case-shutter').click();
    await page.locator('.case-photo-preview').waitFor();
    const sentPhotoUrl = await page.locator('.case-photo-preview').getAttribute('src');
    const sentPhoto = Buffer.from(sentPhotoUrl!.slice(sentPhotoUrl!.indexOf(',') + 1), 'base64');
    assert.ok(sentPhoto.length > 0 && photo.length > 0);

    // The server goes away; the case is kept on the kiosk and the screen says so.
    const port = new URL(adminUrl).port;
    await admin.stop();
    await page.getByRole('button', { name: '提交', exact: true }).click();
    await page.locator('.case-submission[data-state="queued"]').waitFor();
    assert.match(await page.locator('.case-queued').innerText(), /已保存在本机/);
    // The kiosk's data folder is LINLI_DATA_DIR/kiosk: the outbox holds the photo while the case waits.
    const outboxFile = path.join(dataDir, 'kiosk', 'kiosk', 'cases.sqlite');
    assert.ok(photoLeftIn(outboxFile, sentPhoto) > 0, 'the photo waits in the outbox with its case');
    await noViolations('cases: queued');

    // It comes back on the same port with the same database: the screen turns by itself.
    admin = await startAdminServer({ ...adminEnv, LINLI_ADMIN_PORT: port });
    await page.locator('.case-submission[data-state="sent"]').waitFor({ timeout: 60_000 });
    const tracking = await page.locator('.case-submission .case-tracking').innerText();
    assert.match(tracking, /^\d{12}$/);
    await noViolations('cases: sent');

    printer.clear();
    await page.getByRole('button', { name: '打印受理单' }).click();
    await page.getByText('受理单已打印，请取走').waitFor();
    const printed = printer.printedText();
    for (const expected of ['诉求受理单', tracking, '投诉 · 垃圾清运', '答复期限'])
      assert.ok(printed.includes(expected), `${expected} is on the ticket:\n${printed}`);
    assert.ok(!printed.includes('13812345678'), 'no phone number on paper');
    const qr = printer.events().find((event) => event.type === 'qr');
    const statusUrl = qr?.type === 'qr' ? qr.data : '';
    assert.ok(statusUrl.startsWith(`${adminUrl}/case-status?no=${tracking}&v=`), statusUrl);
    assert.match(await (await fetch(statusUrl)).text(), /已登记，等待受理/);
    await page.getByRole('button', { name: '完成' }).click();

    // Staff take it, dispatch it to the street, and answer it.
    const api = await apiAs(adminUrl, 'admin', ADMIN_PASSWORD);
    const [listed] = (await api('GET', `/cases?q=${tracking}`)).json.cases as {
      id: number;
      version: number;
      grid?: { name: string };
    }[];
    assert.ok(listed, 'the case reached the server once');
    assert.equal(listed.grid?.name, '临江第一网格', 'placed in the grid of the building picked');
    assert.equal((await api('GET', '/cases')).json.total, 1);
    // With its one photo, the one on the form when it was sent — and the kiosk keeps nothing of it.
    const photoId = createHash('sha256').update(sentPhoto).digest('hex');
    assert.deepEqual((await api('GET', `/cases/${listed.id}`)).json.photos, [photoId]);
    assert.equal(photoLeftIn(outboxFile, sentPhoto), 0, 'nothing of the photo in the outbox file or its log');
    const street = [...(await nodesByName(api)).values()].find((node) => node.name.endsWith('街道'))!;
    const steps: object[] = [
      { action: 'accept' },
      { action: 'dispatch', assigneeOrgId: street.id },
      { action: 'sign' },
      { action: 'reply', reply: '已通知环卫所当日清运，并增加清运频次' },
      { action: 'review', approve: true },
      { action: 'visit', satisfaction: 'satisfied' },
    ];
    let version = listed.version;
    for (const step of steps) {
      const done = await api('POST', `/cases/${listed.id}/actions`, { ...step, version });
      assert.equal(done.status, 200, JSON.stringify(done.json));
      version = (done.json as { version: number }).version;
    }

    // The resident asks at the kiosk.
    await page.getByRole('button', { name: /诉求服务/ }).click();
    await page.getByRole('button', { name: /查询办理进度/ }).click();
    await typeOnPad(page, tracking);
    await page.getByRole('button', { name: '下一步' }).click();
    await typeOnPad(page, '0000');
    await page.getByRole('button', { name: '查询', exact: true }).click();
    assert.equal(
      await page.locator('#case-phone4-error').innerText(),
      '没有找到这条诉求，请核对受理编号和手机号后 4 位',
    );
    await page.locator('.digit-pad-keys').getByRole('button', { name: '清空' }).click();
    await typeOnPad(page, '5678');
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await page.locator('.case-status[data-state="closed"]').waitFor();
    assert.equal(await page.locator('.case-reply').innerText(), '已通知环卫所当日清运，并增加清运频次');
    await noViolations('cases: the status');
  },
);
