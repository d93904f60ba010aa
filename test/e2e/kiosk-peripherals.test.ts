/**
 * The kiosk's device screens in Chromium against protocol-exact simulators: an ID card reader on a
 * real pty pair and an ESC/POS printer on real TCP, declared in a device file like on a kiosk.
 * The tests share one stack; each starts from a freshly loaded page, and the one that unplugs the
 * reader runs last.
 */
import { before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { DEMO_CARDS } from '../../device-drivers/src/id-card/demo-cards';
import { attachIdCardSimulator } from '../../device-drivers/src/id-card/id-card-simulator';
import { startPrinterSimulator } from '../../device-drivers/src/receipt-printer/printer-simulator';
import { openSerialTransport } from '../../device-drivers/src/transport/serial-transport';
import { openPtyPair } from '../../device-drivers/src/transport/pty-pair';
import { seriousViolations } from './axe';
import { openKiosk, reloadKiosk, searchFor, sharedByFile, startVisit, type Owner } from './kiosk-fixture';

async function kioskWithDevices(t: Owner) {
  const pair = await openPtyPair();
  const readerSide = await openSerialTransport(pair.deviceEnd);
  const reader = attachIdCardSimulator(readerSide);
  const printer = await startPrinterSimulator({ port: 0 });
  const dir = mkdtempSync(path.join(tmpdir(), 'linli-devices-e2e-'));
  const devicesFile = path.join(dir, 'devices.json');
  writeFileSync(
    devicesFile,
    JSON.stringify({
      maintenancePin: '2468',
      peripherals: [
        { id: 'idcard', driver: 'ga467-serial', path: pair.hostEnd },
        { id: 'receipt', driver: 'escpos-tcp', host: '127.0.0.1', port: printer.port, paperWidthMm: 58 },
        { id: 'scanner', driver: 'keyboard-wedge-scanner' },
      ],
    }),
  );
  t.after(async () => {
    await readerSide.close();
    await pair.close();
    await printer.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const kiosk = await openKiosk(t, {
    kioskEnv: { LINLI_DEVICES_FILE: devicesFile, LINLI_DEVICE_CHECK_SEC: '1' },
    clock: true,
  });
  return { ...kiosk, pair, readerSide, reader, printer };
}

const file = sharedByFile();
let stack: Awaited<ReturnType<typeof kioskWithDevices>>;
before(async () => {
  stack = await kioskWithDevices(file);
});
beforeEach(async () => {
  stack.reader.removeCard();
  stack.reader.setFaults({});
  stack.printer.paperOut(false);
  await reloadKiosk(stack.page, stack.kioskUrl);
});

/** Resolves once the reader has been asked for a card `times` more times: the kiosk is looking. */
function readerPolled(times: number): Promise<void> {
  return new Promise((resolve) => {
    let left = times;
    const stop = stack.reader.onCommand((name) => {
      if (name === 'find' && --left === 0) {
        stop();
        resolve();
      }
    });
  });
}

async function openIdCardScreen(page: Page) {
  await page.getByRole('button', { name: /读取身份证/ }).click();
  await page.getByText(/仅用于本次办理/).waitFor();
}

test(
  '读取身份证: consent, place the card, see it masked; nothing of it survives the visit',
  { timeout: 60_000 },
  async () => {
    const { page, reader } = stack;
    await startVisit(page);
    await openIdCardScreen(page);
    const started = Date.now();
    await page.getByRole('button', { name: '同意并读卡' }).click();
    await page.getByText('请将身份证平放在读卡区').waitFor();
    reader.placeCard(DEMO_CARDS.resident);
    await page.getByText('已读取证件信息').waitFor();
    const readToScreenMs = Date.now() - started;
    assert.equal(await page.locator('[data-field=name]').innerText(), '张*三');
    assert.equal(await page.locator('[data-field=idNumber]').innerText(), '1101**********002X');
    const text = await page.locator('main').innerText();
    assert.match(text, /居民身份证/);
    assert.match(text, /长期/);
    for (const secret of ['张小三', '11010519491231002X', '北京市东城区'])
      assert.ok(!text.includes(secret), `${secret} is not on screen`);
    assert.ok(readToScreenMs < 5000, `card on screen ${readToScreenMs} ms after consent`);

    // 结束办理 with a card on screen asks once; the next resident does not get the card left on the reader.
    await page.getByRole('button', { name: '结束办理' }).click();
    const confirm = page.getByRole('alertdialog', { name: '结束本次办理？' });
    await confirm.getByRole('button', { name: '继续办理' }).click();
    await confirm.waitFor({ state: 'detached' });
    assert.equal(await page.locator('[data-field=name]').innerText(), '张*三', 'continuing keeps the card on screen');
    await page.getByRole('button', { name: '结束办理' }).click();
    await confirm.getByRole('button', { name: '确认结束' }).click();
    await page.locator('.attract').waitFor();
    await page.getByText('已清除您的信息，感谢使用').waitFor();
    await startVisit(page);
    await openIdCardScreen(page);
    const polled = readerPolled(3);
    await page.getByRole('button', { name: '同意并读卡' }).click();
    await page.getByText('请将身份证平放在读卡区').waitFor();
    await polled;
    assert.equal(
      await page.getByText('已读取证件信息').count(),
      0,
      'the reader was asked three times and the old card never showed',
    );
    reader.removeCard();
    reader.placeCard(DEMO_CARDS.hongKongPermit);
    await page.getByText('港澳台居民居住证').waitFor();
    assert.equal(await page.locator('[data-field=name]').innerText(), '陈*文');
  },
);

test(
  'maintenance: a long press and the PIN open device health; a test print comes out in Chinese',
  { timeout: 60_000 },
  async () => {
    const { page, printer } = stack;
    await startVisit(page);
    const title = page.locator('.app-title');
    const box = (await title.boundingBox())!;
    await page.mouse.move(box.x + 10, box.y + 10);
    await page.mouse.down();
    await page.clock.fastForward(3000);
    await page.mouse.up();
    await page.getByText('请输入维护密码').waitFor();
    const pin = async (digits: string) => {
      for (const digit of digits)
        await page.locator('.pin-keys').getByRole('button', { name: digit, exact: true }).click();
      await page.getByRole('button', { name: '进入' }).click();
    };
    await pin('1111');
    await page.getByText('密码错误').waitFor();
    await pin('2468');
    // A device still starting (a loaded machine opens ports slowly) turns 正常 once it answers.
    await page.locator('.peripheral-row', { hasText: '身份证读卡器' }).getByText('正常', { exact: true }).waitFor();
    await page.locator('.peripheral-row', { hasText: '凭条打印机' }).getByText('正常', { exact: true }).waitFor();
    const rows = await page.locator('.peripheral-row').allInnerTexts();
    assert.equal(rows.length, 3);
    assert.match(rows[2]!, /扫码器/);
    await page.locator('.peripheral-row').nth(1).getByRole('button', { name: '测试打印' }).click();
    await page.getByText('测试页已打印').waitFor();
    assert.match(printer.printedText(), /打印测试/);

    printer.paperOut(true);
    await page.locator('.peripheral-row').nth(1).getByText('缺纸').waitFor({ timeout: 10_000 });
    for (const elderMode of [false, true]) {
      if (elderMode) await page.getByRole('button', { name: '长辈模式' }).click();
      assert.deepEqual(
        await seriousViolations(page, elderMode),
        [],
        `maintenance screen (${elderMode ? 'elder' : 'normal'})`,
      );
    }
  },
);

test(
  'a keyboard-wedge scan of a guide QR code opens the guide; typing the same text slowly does not',
  { timeout: 60_000 },
  async () => {
    const { page } = stack;
    await startVisit(page);
    await page.getByRole('searchbox').focus();
    await page.keyboard.type('LINLI:guide:zhengming-community-residence', { delay: 40 });
    await page.keyboard.press('Enter');
    await page.locator('.result-count[data-query="LINLI:guide:zhengming-community-residence"]').waitFor();
    assert.equal(await page.locator('.guide-page').count(), 0, 'typed by a person: stays a search');
    await page.getByRole('searchbox').fill('');
    // A scanner's burst is faster than the DevTools protocol can type, so it is dispatched in the page.
    await page.evaluate((code) => {
      for (const key of [...code, 'Enter'])
        document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
    }, 'LINLI:guide:zhengming-community-residence');
    await page.getByRole('heading', { name: '社区居住证明开具' }).waitFor();

    // The code of a guide this kiosk does not hold: said, not an endless 正在加载.
    await page.getByRole('button', { name: '首页' }).click();
    await page.getByRole('searchbox').focus();
    await page.evaluate((code) => {
      for (const key of [...code, 'Enter'])
        document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
    }, 'LINLI:guide:no-such-guide');
    await page.getByText('本机上没有这个办事指南').waitFor();
    await page.getByRole('button', { name: '返回' }).click();
    await page.locator('.tile').first().waitFor();
  },
);

test(
  'a resident prints the materials list of a guide and takes it away; paper out is said',
  { timeout: 60_000 },
  async () => {
    const { page, printer, adminUrl } = stack;
    await startVisit(page);
    await searchFor(page, '居住证');
    await page.locator('.guide-row', { hasText: '居住证申领' }).first().click();
    await page.locator('.guide-page h1', { hasText: '居住证申领' }).waitFor();
    printer.clear();
    await page.getByRole('button', { name: '打印材料清单' }).click();
    await page.getByText('已打印，请在出纸口取走清单').waitFor();
    const printed = printer.printedText();
    assert.match(printed, /居住证申领/);
    assert.match(printed, /本人有效居民身份证/, 'the materials');
    assert.match(printed, /咨询电话/, 'whom to ask');
    const qr = printer.events().find((event) => event.type === 'qr');
    assert.equal(qr?.type === 'qr' && qr.data, `${adminUrl}/guides/juzhuzheng-apply`, 'the QR code opens the guide');
    const phonePage = await fetch(`${adminUrl}/guides/juzhuzheng-apply`);
    assert.equal(phonePage.status, 200);
    assert.match(await phonePage.text(), /<h1>居住证申领<\/h1>/, 'and the page it opens is there');

    printer.paperOut(true);
    await page.getByRole('button', { name: '打印材料清单' }).click();
    await page.getByText('打印机缺纸，请联系工作人员').waitFor();
  },
);

test('the ID card screens pass axe-core in normal and elder mode', { timeout: 60_000 }, async () => {
  const { page, reader } = stack;
  await startVisit(page);
  for (const elderMode of [false, true]) {
    const check = async (screen: string) =>
      assert.deepEqual(await seriousViolations(page, elderMode), [], `${screen} (${elderMode ? 'elder' : 'normal'})`);
    if (elderMode) await page.getByRole('button', { name: '长辈模式' }).click();
    await check('home with the ID card tile');
    await openIdCardScreen(page);
    await check('consent');
    await page.getByRole('button', { name: '同意并读卡' }).click();
    await page.getByText('请将身份证平放在读卡区').waitFor();
    await check('waiting for the card');
    reader.placeCard(elderMode ? DEMO_CARDS.foreign2023 : DEMO_CARDS.resident);
    await page.getByText('已读取证件信息').waitFor();
    await check('card shown');
    await page.getByRole('button', { name: '完成' }).click();
  }
});

// Last: it unplugs the reader for good.
test('a reader that fails or is unplugged is said at once, in the language chosen', { timeout: 60_000 }, async () => {
  const { page, reader, readerSide, pair } = stack;
  await startVisit(page);
  await openIdCardScreen(page);
  reader.placeCard(DEMO_CARDS.resident);
  reader.setFaults({ failNextRead: true, splitReplies: true });
  await page.getByRole('button', { name: '同意并读卡' }).click();
  await page.getByText('已读取证件信息').waitFor();

  await page.getByRole('button', { name: '重新读卡' }).click();
  await page.getByRole('button', { name: 'English' }).click();
  await readerSide.close();
  await pair.close(true);
  await page.getByText('The card reader is not working right now').waitFor({ timeout: 10_000 });
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.getByText('The card reader is not working right now').waitFor();
});
