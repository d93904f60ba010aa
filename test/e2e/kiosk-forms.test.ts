/**
 * 打印表格 in Chromium: the ID card from the reader simulator (real pty), answers typed with the
 * physical keyboard and the on-screen digit pad, the form printed through a real CUPS queue.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_CARDS } from '../../device-drivers/src/id-card/demo-cards';
import { attachIdCardSimulator } from '../../device-drivers/src/id-card/id-card-simulator';
import { openPtyPair } from '../../device-drivers/src/transport/pty-pair';
import { openSerialTransport } from '../../device-drivers/src/transport/serial-transport';
import { addCupsPdfQueue } from '../../device-drivers/test/cups-fixture';
import { seriousViolations } from './axe';
import { openKiosk, startVisit } from './kiosk-fixture';

test('a resident prints a filled 居住证明申请表: card, questions, progress, paper', { timeout: 150_000 }, async (t) => {
  const queue = await addCupsPdfQueue('LinliE2eForms');
  t.after(() => queue.remove());
  const pair = await openPtyPair();
  const readerSide = await openSerialTransport(pair.deviceEnd);
  const reader = attachIdCardSimulator(readerSide);
  const dir = mkdtempSync(path.join(tmpdir(), 'linli-forms-e2e-'));
  t.after(async () => {
    await readerSide.close();
    await pair.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const devicesFile = path.join(dir, 'devices.json');
  writeFileSync(
    devicesFile,
    JSON.stringify({
      peripherals: [
        { id: 'idcard', driver: 'ga467-serial', path: pair.hostEnd },
        { id: 'a4', driver: 'system-printer', printer: queue.queue, server: queue.server },
      ],
    }),
  );
  const { page } = await openKiosk(t, { kioskEnv: { LINLI_DEVICES_FILE: devicesFile, LINLI_DEVICE_CHECK_SEC: '2' } });
  const noViolations = async (screen: string) => assert.deepEqual(await seriousViolations(page, false), [], screen);

  await startVisit(page);
  await page.getByRole('button', { name: /打印表格/ }).click();
  await page.getByRole('button', { name: /居住证明申请表/ }).click();
  await noViolations('forms: consent for the card');
  await page.getByRole('button', { name: '同意并读卡' }).click();
  reader.placeCard(DEMO_CARDS.resident);
  await page.getByText('已读取证件信息').waitFor();
  await page.getByRole('button', { name: '完成' }).click();

  await page.getByText('将填入 张*三 的身份证信息').waitFor();
  const print = page.getByRole('button', { name: '打印', exact: true });
  assert.equal(await print.isDisabled(), true, 'printing waits for the answers');
  await page.getByLabel('现居住地址').fill('北京市东城区交道口南大街12号');
  await page.getByLabel('何时开始在此居住').fill('2019年5月');
  await page.getByLabel('房屋性质（自有/租住/借住）').fill('租住');
  await page.getByLabel('申请事由').fill('孩子明年上小学，需要开具居住证明。');
  await page.getByLabel('证明用于何处（如：子女入学）').fill('子女入学');
  // The phone number with the on-screen digit pad, as a resident without a keyboard would.
  await page.getByLabel('联系电话').click();
  const digits = page.locator('.osk[data-mode="digits"]');
  await digits.waitFor();
  for (const digit of '13800138000') await digits.getByRole('button', { name: digit, exact: true }).click();
  assert.equal(await page.getByLabel('联系电话').inputValue(), '13800138000');
  await noViolations('forms: questions with the digit pad');

  await print.click();
  await page.getByRole('status').filter({ hasText: '打印完成，请在打印机出纸口取走表格' }).waitFor({ timeout: 60_000 });
  assert.equal(await page.getByRole('progressbar').getAttribute('aria-valuenow'), '3');
  await noViolations('forms: printed');

  const output = await queue.waitForLatestOutput();
  const text = execFileSync('pdftotext', [output, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  rmSync(output);
  for (const expected of ['居住证明申请表', '张小三', '北京市东城区交道口南大街', '子女入学'])
    assert.ok(text.includes(expected), `printout has ${expected}`);

  // A printer that stops: the next print says so in words, not a spinner.
  await page.getByRole('button', { name: '完成' }).click();
  await queue.admin('cupsdisable', [queue.queue]);
  await page.getByRole('button', { name: /打印表格/ }).click();
  await page.getByRole('button', { name: /居民基本信息登记表/ }).click();
  await page.getByLabel('联系电话').fill('13800138000');
  await page.getByRole('button', { name: '打印', exact: true }).click();
  await page.getByText(/打印机暂时无法使用|打印没有完成/).waitFor({ timeout: 30_000 });

  // A card read on its own screen leads on to the forms it fills in.
  await page.getByRole('button', { name: '首页' }).click();
  await page.getByRole('button', { name: /读取身份证/ }).click();
  reader.removeCard();
  // The kiosk hands over only a card placed while it looks: place it once the reader was asked
  // twice (the first answer, no card, has surely been given).
  const asked = new Promise<void>((resolve) => {
    let finds = 0;
    const stop = reader.onCommand((name) => {
      if (name !== 'find' || ++finds < 2) return;
      stop();
      resolve();
    });
  });
  await page.getByRole('button', { name: '同意并读卡' }).click();
  await asked;
  reader.placeCard(DEMO_CARDS.resident);
  await page.getByText('已读取证件信息').waitFor();
  await page.getByRole('button', { name: '用此证件打印表格' }).click();
  await page.getByRole('button', { name: /居住证明申请表/ }).click();
  await page.getByText('将填入 张*三 的身份证信息').waitFor();
});
