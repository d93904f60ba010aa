/**
 * 查缴水电气 in Chromium against the admin server's simulated utilities: a resident types an account
 * number on the digit pad and sees the bill (amount, status, tiers, 12 months); an unknown number,
 * a utility that is down and a slow one are each said in words next to the number; the ID card
 * (reader simulator on a real pty) lists the accounts bound to it; 结束办理 wipes it all; and a
 * utility connected by its configuration file (阳光水务, a foreign-shaped API the test starts) answers.
 */
import { test } from 'node:test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { DEMO_CARDS } from '../../device-drivers/src/id-card/demo-cards';
import { seriousViolations } from './axe';
import { startPrinterSimulator } from '../../device-drivers/src/receipt-printer/printer-simulator';
import { ACCOUNTS, CLIENT_SECRET, exampleFor, startSunshine } from '../../admin-server/test/sunshine-water';
import { apiAs } from '../../build/scripts/admin-api';
import { simulatedCardReader } from './card-reader-fixture';
import { openKiosk, startVisit } from './kiosk-fixture';

const ADMIN_PASSWORD = 'Admin2026bills';

/** Types an account number on the screen's digit pad, key by key. */
async function typeOnPad(page: Page, digits: string): Promise<void> {
  await page.locator('.digit-pad-keys').getByRole('button', { name: '清空' }).click();
  for (const digit of digits)
    await page.locator('.digit-pad-keys').getByRole('button', { name: digit, exact: true }).click();
  assert.equal(await page.locator('.digit-pad-number').innerText(), digits);
}

test('a resident checks water and electricity bills by number and by ID card', { timeout: 150_000 }, async (t) => {
  const printer = await startPrinterSimulator({ port: 0 });
  t.after(() => printer.close());
  const a4Folder = mkdtempSync(path.join(tmpdir(), 'linli-printed-bills-'));
  t.after(() => rmSync(a4Folder, { recursive: true, force: true }));
  const { reader, devicesFile } = await simulatedCardReader(t, [
    { id: 'scanner', driver: 'keyboard-wedge-scanner' },
    { id: 'receipt', driver: 'escpos-tcp', host: '127.0.0.1', port: printer.port, paperWidthMm: 58 },
    { id: 'a4', driver: 'pdf-folder', directory: a4Folder },
  ]);
  const { page, adminUrl } = await openKiosk(t, {
    kioskEnv: { LINLI_DEVICES_FILE: devicesFile, LINLI_DEVICE_CHECK_SEC: '2' },
    adminEnv: {
      LINLI_BILL_SIMULATOR: 'on',
      LINLI_ADMIN_PASSWORD: ADMIN_PASSWORD,
      SUNSHINE_WATER_CLIENT_SECRET: CLIENT_SECRET,
    },
    viewport: { width: 1080, height: 1920 },
  });
  const noViolations = async (screen: string) => assert.deepEqual(await seriousViolations(page, false), [], screen);
  const error = page.locator('#account-error');

  await startVisit(page);
  await page.getByRole('button', { name: /查缴水电气/ }).click();
  await page.getByRole('button', { name: /水费/ }).click();
  await page.getByText('请输入水费户号').waitFor();
  await noViolations('bills: the digit pad');

  await t.test('an account in arrears: amount, status in words, tiers and 12 months of usage', async () => {
    await typeOnPad(page, '1000010003');
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await page.locator('.bill-view').waitFor();
    assert.equal(await page.locator('.bill-status').innerText(), '欠费');
    assert.match(await page.locator('.bill-amount').innerText(), /^\d+\.\d{2} 元$/);
    assert.equal(await page.locator('.bill-facts').getByText('******0003').count(), 1, 'the number masked');
    assert.equal(await page.locator('.bill-facts').getByText('李*英').count(), 1, 'the holder masked');
    assert.equal(await page.locator('.usage-chart .bar').count(), 12);
    assert.equal(await page.locator('.usage-chart .bar.current').count(), 1);
    assert.ok((await page.locator('.bill-tiers li').count()) >= 2, 'the tiers are explained');
    assert.match(await page.locator('.bill-fetched').innerText(), /^查询时间 /);
    await noViolations('bills: the bill');

    // On A4: the bill as on the screen, masked, with its 12 months.
    await page.getByRole('button', { name: '打印账单' }).click();
    await page.getByText('账单已打印，请到打印机取走').waitFor();
    const [printedBill] = readdirSync(a4Folder);
    const text = execFileSync('pdftotext', [path.join(a4Folder, printedBill!), '-'], { encoding: 'utf8' });
    for (const expected of ['水费账单', '模拟自来水公司', '******0003', '李*英', '欠费', '阶梯价格', '近12个月用量'])
      assert.ok(text.includes(expected), `${expected} on the printed bill:\n${text}`);
    assert.ok(!text.includes('1000010003'), 'the number stays masked on paper');
  });

  await t.test('an unknown number, a utility that is down and a slow one are said next to the number', async () => {
    await page.getByRole('button', { name: '查询其他户号' }).click();
    await typeOnPad(page, '1000010009');
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await error.waitFor();
    assert.equal(await error.innerText(), '查无此户号，请核对后重新输入');
    assert.equal(await page.locator('.digit-pad-number').getAttribute('aria-invalid'), 'true');

    await typeOnPad(page, '1000010007');
    assert.equal(await error.count(), 0, 'typing clears the error');
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await error.waitFor();
    assert.equal(await error.innerText(), '暂时连不上缴费单位系统，请稍后再试');

    await typeOnPad(page, '1000010006');
    const asked = Date.now();
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await page.getByRole('status').getByText('正在向模拟自来水公司查询…').waitFor();
    await page.locator('.bill-view').waitFor({ timeout: 15_000 });
    assert.ok(Date.now() - asked >= 4500, 'the slow utility took its time, and the screen waited');
  });

  await t.test(
    "the bill's barcode scanned on the number screen is looked up; another code is said not to be one",
    async () => {
      await page.getByRole('button', { name: '查询其他户号' }).click();
      // A scanner's burst is faster than the DevTools protocol can type, so it is dispatched in the page.
      const scan = (code: string) =>
        page.evaluate((text) => {
          for (const key of [...text, 'Enter'])
            document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
        }, code);
      await scan('LINLI:guide:dibao');
      assert.equal(await error.innerText(), '扫描到的不是户号，请输入户号或扫描缴费通知单上的条码');
      assert.equal(await page.locator('.guide-page').count(), 0, 'the scan stayed on this screen');
      await scan('hh=1000010001');
      await page.locator('.bill-view').waitFor();
      assert.equal(await page.locator('.bill-facts').getByText('******0001').count(), 1);
    },
  );

  await t.test('the ID card lists the accounts bound to it; one is chosen and shown', async () => {
    await page.getByRole('button', { name: '查询其他户号' }).click();
    await page.getByRole('button', { name: '用身份证查户号' }).click();
    await page.getByRole('button', { name: '同意并读卡' }).click();
    reader.placeCard(DEMO_CARDS.resident);
    await page.getByText('您身份证名下的户号').waitFor();
    const choices = page.locator('.bill-bound button', { hasText: /^\*+\d{4}$/ });
    assert.equal(await choices.count(), 2);
    await choices.first().click();
    await page.locator('.bill-view').waitFor();
  });

  /** Pays the order the screen shows, as the resident's phone would on the simulator's page. */
  const payOnPhone = async () => {
    const orderId = await page.locator('.payment-view[data-state="pending"]').getAttribute('data-order-id');
    const paid = await fetch(`${adminUrl}/pay-sim/${orderId}/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    });
    assert.match(await paid.text(), /支付成功/);
  };

  await t.test(
    'paying: the code with its countdown, paid on the phone, the receipt printed and on screen',
    async () => {
      await page.getByRole('button', { name: '查询其他户号' }).click();
      await typeOnPad(page, '1000010003');
      await page.getByRole('button', { name: '查询', exact: true }).click();
      const due = await page.locator('.bill-amount').innerText();
      await page.getByRole('button', { name: /^缴费 / }).click();
      const code = page.locator('.payment-view[data-state="pending"]');
      await code.waitFor();
      assert.equal(await code.locator('.bill-amount').innerText(), due);
      assert.match(await page.getByRole('timer').innerText(), /^付款码 [45]:\d\d 后失效$/);
      assert.equal(await page.locator('svg.pay-qr').count(), 1);
      await noViolations('bills: the payment code');
      printer.clear();
      await payOnPhone();
      await page.locator('.payment-view[data-state="paid"]').waitFor();
      const transaction = await page.locator('[data-field="transaction"]').innerText();
      assert.match(transaction, /^0000\d{20}$/);
      await page.getByText('销账编号').waitFor();
      await page.getByText('回执已打印，请在出纸口取走').waitFor();
      await noViolations('bills: paid');

      // The receipt, as the printer decoded it: masked account, amount, transaction, QR to verify.
      const printed = printer.printedText();
      for (const expected of ['缴费回执', '水费', '模拟自来水公司', '******0003', transaction, '手机扫码核验回执真伪'])
        assert.ok(printed.includes(expected), `${expected} is on the receipt:\n${printed}`);
      assert.ok(printed.includes(`￥${due.replace(' 元', '')}`), 'the amount paid');
      assert.ok(!printed.includes('1000010003') && !printed.includes('李秀英'), 'nothing unmasked');
      const qr = printer.events().find((event) => event.type === 'qr');
      const verifyUrl = qr?.type === 'qr' ? qr.data : '';
      assert.ok(verifyUrl.startsWith(`${adminUrl}/bill-receipts/${transaction}?v=`), verifyUrl);
      const verified = await fetch(verifyUrl);
      assert.match(await verified.text(), /回执真实有效/, 'the code opens the page that says the receipt is real');
      await page.getByRole('button', { name: '完成' }).click();
    },
  );

  await t.test(
    'the paper runs out mid-receipt: said, and the receipt is printed again by its transaction id',
    async () => {
      await page.getByRole('button', { name: /查缴水电气/ }).click();
      await page.getByRole('button', { name: /电费/ }).click();
      await typeOnPad(page, '2000010003');
      await page.getByRole('button', { name: '查询', exact: true }).click();
      await page.getByRole('button', { name: /^缴费 / }).click();
      await page.locator('.payment-view[data-state="pending"]').waitFor();
      printer.clear();
      // The roll ends as the first line is printed.
      const unsubscribe = printer.onEvent((event) => {
        if (event.type === 'text') printer.paperOut(true);
      });
      await payOnPhone();
      await page.locator('.payment-view[data-state="paid"]').waitFor();
      await page.getByText('打印机缺纸，回执没有打出。缴费已成功，凭交易号可在本机或服务台补打').waitFor();
      unsubscribe();
      const transaction = await page.locator('[data-field="transaction"]').innerText();
      assert.equal(await page.locator('.payment-view[data-state="paid"]').count(), 1, 'the payment stands');
      printer.paperOut(false);
      printer.clear();
      await page.getByRole('button', { name: '补打回执' }).click();
      await page.getByText('回执已打印，请在出纸口取走').waitFor();
      assert.ok(printer.printedText().includes(transaction));
      await page.getByRole('button', { name: '完成' }).click();

      // Later, from the bills screen: a wrong number is said next to it; the right one prints.
      await page.getByRole('button', { name: /查缴水电气/ }).click();
      await page.getByRole('button', { name: '补打缴费回执' }).click();
      await typeOnPad(page, '000020260101000000000000');
      await page.getByRole('button', { name: '打印回执' }).click();
      await error.waitFor();
      assert.equal(await error.innerText(), '没有找到这笔缴费，请核对交易号（在本社区缴的费才能在这里补打）');
      printer.clear();
      await typeOnPad(page, transaction);
      await page.getByRole('button', { name: '打印回执' }).click();
      await page.locator('.reprint-view').getByText('回执已打印，请在出纸口取走').waitFor();
      assert.match(await page.locator('.reprint-view').innerText(), /电费 \*+0003/);
      assert.ok(printer.printedText().includes(transaction));
      await noViolations('bills: a receipt printed again');
      await page.getByRole('button', { name: '完成' }).click();
    },
  );

  await t.test('electricity is asked of its own utility; 结束办理 wipes the bill', async () => {
    await page.getByRole('button', { name: /查缴水电气/ }).click();
    await page.getByRole('button', { name: /电费/ }).click();
    await typeOnPad(page, '2000010001');
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await page.locator('.bill-view').waitFor();
    assert.match(await page.locator('.bill-facts').innerText(), /千瓦时/);
    await page.getByRole('button', { name: '结束办理' }).click();
    await page.getByRole('button', { name: '确认结束' }).click();
    await page.locator('.attract').waitFor();
    assert.equal(await page.locator('.bill-view').count(), 0);
    await startVisit(page);
    assert.equal(await page.locator('.bills-screen').count(), 0, 'a new visit starts at home');
  });

  await t.test("a utility connected by its file answers from its own API: 阳光水务's, foreign-shaped", async () => {
    const sunshine = await startSunshine(t);
    const api = await apiAs(adminUrl, 'admin', ADMIN_PASSWORD);
    const nodes = (await api('GET', '/orgs')).json.nodes as { id: number; parentId: number | null }[];
    const root = nodes.find((node) => node.parentId === null)!;
    const connected = await api('PUT', '/bill-providers', { orgId: root.id, config: exampleFor(sunshine) });
    assert.equal(connected.status, 200, JSON.stringify(connected.json));
    await page.getByRole('button', { name: /查缴水电气/ }).click();
    await page.getByRole('button', { name: /水费.*阳光水务/ }).click();
    await typeOnPad(page, ACCOUNTS.full);
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await page.locator('.bill-view').waitFor();
    assert.equal(await page.locator('.bill-status').innerText(), '欠费');
    assert.equal(await page.locator('.bill-amount').innerText(), '109.82 元');
    assert.equal(await page.locator('.bill-facts').getByText('张*丰').count(), 1);
    assert.ok(sunshine.apiRequests().some((request) => request.url.startsWith(`/api/v2/hu/${ACCOUNTS.full}/zhangdan`)));
    // Its "not found" is a code in an HTTP 200: said as an unknown number.
    await page.getByRole('button', { name: '查询其他户号' }).click();
    await typeOnPad(page, '1000299999');
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await error.waitFor();
    assert.equal(await error.innerText(), '查无此户号，请核对后重新输入');
  });
});
