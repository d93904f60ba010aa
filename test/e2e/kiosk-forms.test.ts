/**
 * 打印表格 in Chromium: the ID card from the reader simulator (real pty), answers typed with the
 * physical keyboard and the on-screen digit pad, fixed answers chosen with buttons, dates with the
 * date picker, the preview, and the form printed through a real CUPS queue — or, from a guide's
 * 相关表格, on the simulated A4 printer (a PDF folder), whose file is read back.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_CARDS } from '../../device-drivers/src/id-card/demo-cards';
import { addCupsPdfQueue } from '../../device-drivers/test/cups-fixture';
import { seriousViolations } from './axe';
import { simulatedCardReader } from './card-reader-fixture';
import { openKiosk, searchFor, startVisit } from './kiosk-fixture';

test('a resident prints a filled 居住证明申请表: card, questions, progress, paper', { timeout: 150_000 }, async (t) => {
  const queue = await addCupsPdfQueue('LinliE2eForms');
  t.after(() => queue.remove());
  const { reader, devicesFile } = await simulatedCardReader(t, [
    { id: 'a4', driver: 'system-printer', printer: queue.queue, server: queue.server },
  ]);
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
  const preview = page.getByRole('button', { name: '预览表格' });
  assert.equal(await preview.getAttribute('aria-disabled'), 'true', 'printing waits for the answers');
  await page.getByLabel('现居住地址').fill('北京市东城区交道口南大街12号');
  await page
    .getByRole('group', { name: /开始在此居住的日期/ })
    .getByRole('button', { name: '今天' })
    .click();
  await page.getByRole('radio', { name: '租住' }).click();
  await page.getByLabel('申请事由').fill('孩子明年上小学，需要开具居住证明。');
  await page.getByLabel('证明用于何处（如：子女入学）').fill('子女入学');
  // The phone number with the on-screen digit pad, as a resident without a keyboard would.
  await page.getByLabel('联系电话').click();
  const digits = page.locator('.osk[data-mode="digits"]');
  await digits.waitFor();
  for (const digit of '13800138000') await digits.getByRole('button', { name: digit, exact: true }).click();
  assert.equal(await page.getByLabel('联系电话').inputValue(), '13800138000');
  await noViolations('forms: questions with the digit pad');

  await preview.click();
  await page.getByRole('heading', { name: '请核对要打印的内容' }).waitFor();
  await page.getByRole('button', { name: '打印', exact: true }).click();
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
  await page.getByRole('button', { name: '预览表格' }).click();
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

test(
  'from a guide’s 相关表格: choices as buttons, a picked date, 与身份证住址相同, errors by the field, the preview, a PDF on the simulated printer',
  { timeout: 150_000 },
  async (t) => {
    const printed = mkdtempSync(path.join(tmpdir(), 'linli-printed-forms-'));
    t.after(() => rmSync(printed, { recursive: true, force: true }));
    const { reader, devicesFile } = await simulatedCardReader(t, [
      { id: 'a4', driver: 'pdf-folder', directory: printed },
    ]);
    const { page } = await openKiosk(t, { kioskEnv: { LINLI_DEVICES_FILE: devicesFile, LINLI_DEVICE_CHECK_SEC: '2' } });
    const noViolations = async (screen: string) => assert.deepEqual(await seriousViolations(page, false), [], screen);

    await startVisit(page);
    await searchFor(page, '居住证明');
    await page.locator('.guide-row[data-guide-id="zhengming-community-residence"]').click();
    const related = page.getByRole('group', { name: '相关表格' });
    await related.getByRole('button', { name: /居住证明申请表/ }).click();
    await page.getByRole('button', { name: '同意并读卡' }).click();
    reader.placeCard(DEMO_CARDS.resident);
    await page.getByText('已读取证件信息').waitFor();
    await page.getByRole('button', { name: '完成' }).click();
    await page.getByText('将填入 张*三 的身份证信息').waitFor();

    // Nothing answered: the button says why it waits, and pressing it marks each question.
    const preview = page.getByRole('button', { name: '预览表格' });
    const blocked = page.locator('#print-blocked');
    assert.equal(await preview.getAttribute('aria-disabled'), 'true');
    assert.equal(
      await blocked.innerText(),
      '请先填写：现居住地址、开始在此居住的日期、联系电话、房屋性质、申请事由、证明用于何处（如：子女入学）',
    );
    // aria-disabled, not disabled: a tap on it still answers, by marking what is missing.
    await preview.click({ force: true });
    await page.locator('#error-phone').filter({ hasText: '请填写联系电话' }).waitFor();
    assert.equal(await page.locator('#error-housing').innerText(), '请选择房屋性质');
    assert.equal(await page.locator('.required-mark').count(), 6, 'a red * on every required question');
    await noViolations('forms: questions with their problems');

    await page.getByRole('button', { name: '与身份证住址相同' }).click();
    await page.getByText('与身份证住址相同，打印时填入身份证上的住址').waitFor();
    const picker = page.getByRole('group', { name: /开始在此居住的日期/ });
    await picker.getByRole('button', { name: '今天' }).click();
    for (let i = 0; i < 3; i++) await picker.getByRole('button', { name: '年减一' }).click();
    await picker.getByRole('button', { name: '月加一' }).click();
    const part = async (name: string) =>
      (await picker.locator(`.date-value[data-part="${name}"]`).innerText()).replace(/\D/g, '');
    const picked = `${await part('year')}年${await part('month')}月${await part('day')}日`;
    assert.match(picked, /^\d{4}年\d{2}月\d{2}日$/);
    assert.ok(Number(picked.slice(0, 4)) <= new Date().getFullYear() - 3, picked);
    const rented = page.getByRole('radio', { name: '租住' });
    await rented.click();
    assert.equal(await rented.getAttribute('aria-checked'), 'true');
    assert.equal(await page.getByRole('radio', { name: '自有' }).getAttribute('aria-checked'), 'false');
    await page.getByLabel('联系电话').fill('13800138000');
    await page.getByLabel('申请事由').fill('孩子明年上小学，需要开具居住证明。');
    await page.getByLabel('证明用于何处（如：子女入学）').fill('子女入学');
    await blocked.waitFor({ state: 'detached' });
    assert.equal(await page.locator('.field-error').count(), 0, 'answered questions show no problem');
    await noViolations('forms: choices, date picker, same address');

    await preview.click();
    await page.getByRole('heading', { name: '请核对要打印的内容' }).waitFor();
    const row = (label: string) =>
      page.locator('.form-paper tr', { has: page.getByRole('rowheader', { name: label, exact: true }) }).locator('td');
    assert.equal(await row('房屋性质').innerText(), '租住');
    assert.equal(await row('居住起始日期').innerText(), picked);
    assert.equal(await row('现居住地址').innerText(), '与身份证住址相同');
    assert.equal(await row('申请人姓名').innerText(), '张*三', 'the card as the screen shows it: masked');
    assert.equal(await row('户籍地址').innerText(), '按身份证填入');
    assert.equal(await row('受理单位').innerText(), '安和街道社区服务大厅');
    await noViolations('forms: preview');
    // 返回 in the bottom bar steps back to the answers, kept as they were.
    await page.getByRole('button', { name: '返回', exact: true }).click();
    assert.equal(await rented.getAttribute('aria-checked'), 'true');
    await preview.click();
    await page.getByRole('heading', { name: '请核对要打印的内容' }).waitFor();

    await page.getByRole('button', { name: '打印', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: '打印完成，请在打印机出纸口取走表格' })
      .waitFor({ timeout: 60_000 });
    const files = readdirSync(printed);
    assert.equal(files.length, 1, files.join());
    assert.match(files[0]!, /^form-\d{8}-\d{6}-0001\.pdf$/);
    const text = execFileSync('pdftotext', [path.join(printed, files[0]!), '-'], { encoding: 'utf8' }).replace(
      /\s+/g,
      '',
    );
    for (const expected of ['居住证明申请表', '安和街道办事处', '张小三', '租住', picked, '子女入学', '13800138000'])
      assert.ok(text.includes(expected), `printout has ${expected}`);
    const address = DEMO_CARDS.resident.address!.replace(/\s+/g, '');
    assert.equal(
      text.split(address).length - 1,
      2,
      "户籍地址 and 现居住地址 (与身份证住址相同) are the card's address",
    );
  },
);
