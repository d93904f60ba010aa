/**
 * 排队取号 at the kiosk in Chromium against the admin server's queue: a hall set up through the
 * admin API, a resident takes a ticket — its number on screen and on the receipt printer simulator
 * (real TCP) with the follow page's QR code —, the next ticket has one person before it; the paper
 * runs out: the number stays on screen with the reason, and 重新打印 prints it once paper is back;
 * 老年人优先 reads the ID card (reader simulator on a real pty) and only the priority reaches the
 * server; a slot booked on the public page is checked in by its code and called first; a closed
 * business, and every business outside the hall's hours, are refused in words. The tests share one
 * stack and one hall, in order.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { QueueHall, QueueHallInput } from '@linli/protocol';
import { DEMO_CARDS } from '../../device-drivers/src/id-card/demo-cards';
import { startPrinterSimulator } from '../../device-drivers/src/receipt-printer/printer-simulator';
import { apiAs, type AdminApi } from '../../build/scripts/admin-api';
import { seriousViolations } from './axe';
import { simulatedCardReader } from './card-reader-fixture';
import { openKiosk, sharedByFile, startVisit } from './kiosk-fixture';

const ADMIN_PASSWORD = 'Admin2026queue';
const HALL_NAME = '临江街道便民服务中心';

/** An hour of the day in Beijing twelve hours from now: a window that today's clock is never in. */
function hourAway(): { from: string; to: string } {
  const now = Number(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', hourCycle: 'h23' }).format(
      new Date(),
    ),
  );
  const hour = String((now + 12) % 24).padStart(2, '0');
  return { from: `${hour}:00`, to: `${hour}:59` };
}

/** A hall open every day at every hour, serving older residents (70+) first; 户籍 paused. */
function hallInput(orgId: number, overrides: Partial<QueueHallInput> = {}): QueueHallInput {
  return {
    orgId,
    name: HALL_NAME,
    resetTime: '00:00',
    elderAge: 70,
    hours: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], windows: [{ from: '00:00', to: '23:59' }] }],
    followsWorkCalendar: false,
    businesses: [
      { id: 'social-security', name: '社保医保', prefix: 'A', maxPerDay: 300, open: true, serviceMinutes: 6 },
      { id: 'civil-affairs', name: '民政救助', prefix: 'B', maxPerDay: 300, open: true, serviceMinutes: 10 },
      { id: 'household', name: '户籍办理', prefix: 'C', maxPerDay: 300, open: false, serviceMinutes: 8 },
    ],
    windows: [
      { number: 1, businesses: ['social-security'] },
      { number: 2, businesses: ['civil-affairs', 'household'] },
    ],
    ...overrides,
  };
}

const file = sharedByFile();
let page: Page;
let adminUrl: string;
let api: AdminApi;
let hall: QueueHall;
let printer: Awaited<ReturnType<typeof startPrinterSimulator>>;
let reader: Awaited<ReturnType<typeof simulatedCardReader>>['reader'];

before(async () => {
  printer = await startPrinterSimulator({ port: 0 });
  file.after(() => printer.close());
  const devices = await simulatedCardReader(file, [
    { id: 'receipt', driver: 'escpos-tcp', host: '127.0.0.1', port: printer.port, paperWidthMm: 58 },
  ]);
  reader = devices.reader;
  const kiosk = await openKiosk(file, {
    kioskEnv: { LINLI_DEVICES_FILE: devices.devicesFile, LINLI_DEVICE_CHECK_SEC: '2' },
    adminEnv: { LINLI_ADMIN_PASSWORD: ADMIN_PASSWORD },
    viewport: { width: 1080, height: 1920 },
  });
  page = kiosk.page;
  adminUrl = kiosk.adminUrl;
  api = await apiAs(adminUrl, 'admin', ADMIN_PASSWORD);
  // The demo's hall stands at the root, the nearest one above the kiosk wherever it was enrolled:
  // the test sets it up as it needs.
  const nodes = (await api('GET', '/orgs')).json.nodes as { id: number; parentId: number | null }[];
  const root = nodes.find((node) => node.parentId === null)!;
  const { halls } = (await api('GET', '/queue/halls')).json as unknown as { halls: QueueHall[] };
  hall = halls.find((candidate) => candidate.orgId === root.id)!;
  assert.ok(hall, JSON.stringify(halls));
  await saveHall(hallInput(hall.orgId));
  await startVisit(page);
});

const noViolations = async (screen: string, elderMode = false) =>
  assert.deepEqual(await seriousViolations(page, elderMode), [], screen);
const business = (name: string) => page.locator('.queue-business', { hasText: name });

/** From home: 排队取号, a business, and — offered under the hall's age rule — without the card. */
async function takeTicket(name: string): Promise<string> {
  await page.getByRole('button', { name: /排队取号/ }).click();
  await business(name).click();
  await page.getByRole('button', { name: '不读卡，直接取号' }).click();
  await page.locator('.queue-ticket').waitFor();
  return page.locator('.queue-number').innerText();
}

/** The hall saved whole, on the version it is at. */
async function saveHall(input: QueueHallInput): Promise<void> {
  const saved = await api('PUT', `/queue/halls/${hall.id}`, input, { 'if-match': `"${hall.version}"` });
  assert.equal(saved.status, 200, JSON.stringify(saved.json));
  hall = saved.json as unknown as QueueHall;
}

test('a ticket on screen and on paper with its number and QR code; the next one has one person before it', async () => {
  await page.getByRole('button', { name: /排队取号/ }).click();
  await page.locator('.queue-businesses').waitFor();
  assert.equal(await page.locator('.queue-screen .queue-hall').innerText(), HALL_NAME);
  assert.match(await business('社保医保').innerText(), /等候 0 人/);
  await noViolations('queue: the businesses');
  await business('社保医保').click();
  // The hall serves older residents first and the kiosk reads ID cards: asked, never assumed.
  await page.getByText('年满 70 周岁的居民，读取身份证后优先办理').waitFor();
  await noViolations('queue: 老年人优先');
  printer.clear();
  await page.getByRole('button', { name: '不读卡，直接取号' }).click();
  await page.locator('.queue-ticket[data-print="printed"]').waitFor();
  const label = await page.locator('.queue-number').innerText();
  assert.match(label, /^A\d{3}$/);
  assert.equal(await page.locator('[data-field="business"]').innerText(), '社保医保');
  assert.equal(await page.locator('[data-field="before"]').innerText(), '0 人');
  assert.equal(await page.locator('.queue-priority').count(), 0, 'not a priority ticket');
  assert.equal(await page.locator('.queue-ticket .print-note').innerText(), '凭条已打印，请在出纸口取走，留意叫号');
  await noViolations('queue: the ticket');

  const printed = printer.printedText();
  for (const expected of [HALL_NAME, label, '社保医保', '您前面还有 0 人', '扫码查看排队进度'])
    assert.ok(printed.includes(expected), `${expected} is on the ticket:\n${printed}`);
  const qr = printer.events().filter((event) => event.type === 'qr');
  assert.equal(qr.length, 1);
  const followUrl = qr[0]?.type === 'qr' ? qr[0].data : '';
  assert.match(followUrl, new RegExp(`^${adminUrl}/queue/t/[A-Za-z0-9_-]{22}$`));
  const followed = await (await fetch(followUrl)).text();
  assert.ok(
    followed.includes(label) && followed.includes('社保医保'),
    'the code opens the page that follows this ticket',
  );
  assert.equal(
    await page.locator('.queue-qr').getAttribute('aria-label'),
    '扫码查看排队进度',
    'the same code on screen',
  );

  // Another resident's ticket for the same business: one person before it now, on screen and on paper.
  await page.getByRole('button', { name: '再取一个号' }).click();
  assert.match(await business('社保医保').innerText(), /等候 1 人/);
  await business('社保医保').click();
  printer.clear();
  await page.getByRole('button', { name: '不读卡，直接取号' }).click();
  await page.locator('.queue-ticket[data-print="printed"]').waitFor();
  const second = await page.locator('.queue-number').innerText();
  assert.notEqual(second, label);
  assert.equal(await page.locator('[data-field="before"]').innerText(), '1 人');
  assert.match(printer.printedText(), /您前面还有 1 人/);
  assert.ok(printer.printedText().includes(second));
  await page.getByRole('button', { name: '完成' }).click();
});

test('out of paper: the number stays on screen with the reason, and 重新打印 prints it once paper is back', async () => {
  printer.clear();
  printer.paperOut(true);
  const label = await takeTicket('民政救助');
  await page.locator('.queue-ticket[data-print="failed"]').waitFor();
  assert.match(label, /^B\d{3}$/);
  assert.equal(
    await page.locator('.queue-ticket .print-note').innerText(),
    '打印机缺纸，凭条没有打出。号码已取到，请记住它或用手机扫码；工作人员加纸后可重新打印',
  );
  assert.ok(!printer.printedText().includes(label), 'nothing printed');
  await noViolations('queue: the ticket not printed');
  // Paper is back: printed once, the number unchanged.
  printer.paperOut(false);
  await page.getByRole('button', { name: '重新打印' }).click();
  await page.locator('.queue-ticket[data-print="printed"]').waitFor();
  assert.equal(await page.locator('.queue-number').innerText(), label);
  assert.equal(printer.printedText().split(label).length - 1, 1, `printed once:\n${printer.printedText()}`);
  assert.equal(printer.events().filter((event) => event.type === 'qr').length, 1);
  await page.getByRole('button', { name: '完成' }).click();
});

test('老年人优先: the ID card read, a 76-year-old’s ticket is marked 优先 on screen and paper', async () => {
  await page.getByRole('button', { name: /排队取号/ }).click();
  await business('社保医保').click();
  await page.getByRole('button', { name: '读取身份证（老年人优先）' }).click();
  await page.getByRole('button', { name: '同意并读卡' }).click();
  printer.clear();
  // DEMO_CARDS.resident was born on 31 December 1949.
  reader.placeCard(DEMO_CARDS.resident);
  await page.locator('.queue-ticket[data-priority="elder"][data-print="printed"]').waitFor();
  reader.removeCard();
  assert.equal(await page.locator('.queue-priority').innerText(), '优先');
  const label = await page.locator('.queue-number').innerText();
  const lines = printer.printedText().split('\n');
  assert.equal(lines[lines.indexOf(label) + 1], '优先', 'under the number on paper');
  assert.ok(!printer.printedText().includes('张'), 'nothing of the card on paper');
  const state = await api('GET', `/queue/halls/${hall.id}/state`);
  const waiting = (state.json.waiting as { label: string; priority: string }[]).find(
    (ticket) => ticket.label === label,
  );
  assert.equal(waiting?.priority, 'elder', 'the server knows the priority');
  assert.ok(!JSON.stringify(state.json).includes(DEMO_CARDS.resident.idNumber), 'and nothing of the card');
  await page.getByRole('button', { name: '长辈模式' }).click();
  await noViolations('queue: a priority ticket in elder mode', true);
  await page.getByRole('button', { name: '长辈模式' }).click();
  await page.getByRole('button', { name: '完成' }).click();
});

test('a slot booked on the phone page is checked in at the kiosk by its code and called before earlier tickets', async () => {
  await saveHall(
    hallInput(hall.orgId, { appointments: { slotMinutes: 15, daysAhead: 1, perSlot: { 'social-security': 5 } } }),
  );
  // On a phone: the hall, the business, today's next slot (check-in opens 30 minutes before it).
  const phone = await page
    .context()
    .browser()!
    .newPage({ viewport: { width: 390, height: 844 } });
  await phone.goto(`${adminUrl}/queue/book`);
  await phone.getByRole('link', { name: HALL_NAME }).click();
  await phone.getByRole('link', { name: '社保医保' }).click();
  await phone.locator('input[name="slot"]:not([disabled])').first().check();
  await phone.getByLabel(/手机号/).fill('1380000');
  await phone.getByRole('button', { name: '确认预约' }).click();
  await phone.locator('#phone-error').getByText('请填写 11 位手机号码').waitFor();
  await phone.getByLabel(/手机号/).fill('13800001234');
  await phone.getByRole('button', { name: '确认预约' }).click();
  const code = await phone.locator('.code').innerText();
  assert.match(code, /^\d{8}$/);
  await phone.close();

  const waitingBefore = (await api('GET', `/queue/halls/${hall.id}/state`)).json.waiting as { label: string }[];
  await page.getByRole('button', { name: /排队取号/ }).click();
  await page.getByRole('button', { name: '预约签到' }).click();
  const key = (name: string) => page.locator('.digit-pad-keys').getByRole('button', { name, exact: true });
  for (const digit of '00000000') await key(digit).click();
  await page.getByRole('button', { name: '签到取号' }).click();
  await page.locator('.digit-pad').getByText('没有找到这个预约').waitFor();
  await noViolations('queue: a booking code not found');
  await key('清空').click();
  for (const digit of code) await key(digit).click();
  await page.getByRole('button', { name: '签到取号' }).click();
  await page.locator('.queue-ticket[data-print="printed"]').waitFor();
  const label = await page.locator('.queue-number').innerText();
  assert.equal(await page.locator('.queue-ticket .queue-priority').innerText(), '优先');
  assert.ok(waitingBefore.length > 0, 'tickets taken earlier still wait');

  // The counter calls the booked ticket before every ticket taken earlier without a priority (an
  // older resident's ranks with it, by the time taken).
  const calledBefore: string[] = [];
  for (;;) {
    const called = await api('POST', `/queue/halls/${hall.id}/windows/1/actions`, { action: 'call-next' });
    assert.equal(called.status, 200, JSON.stringify(called.json));
    const ticket = called.json.ticket as { label: string; priority: string };
    await api('POST', `/queue/halls/${hall.id}/windows/1/actions`, { action: 'finish' });
    if (ticket.label === label) {
      assert.equal(ticket.priority, 'appointment');
      break;
    }
    calledBefore.push(ticket.priority);
  }
  assert.ok(
    calledBefore.every((priority) => priority !== 'none'),
    `only priority tickets before it: ${calledBefore.join(', ')}`,
  );
  await page.getByRole('button', { name: '完成' }).click();
});

test('a paused business and every business outside the hall’s hours are refused in words', async () => {
  await page.getByRole('button', { name: /排队取号/ }).click();
  const paused = business('户籍办理');
  await paused.waitFor();
  assert.equal(await paused.isDisabled(), true, 'greyed: it takes no touch');
  assert.equal(await paused.locator('.queue-refusal').innerText(), '暂停取号');
  await noViolations('queue: a paused business');

  // Paused in the hall's set-up while the screen still offered it: the server refuses, said in words.
  const input = hallInput(hall.orgId);
  await saveHall({ ...input, businesses: input.businesses.map((entry) => ({ ...entry, open: false })) });
  await business('民政救助').click();
  await page.getByRole('button', { name: '不读卡，直接取号' }).click();
  await page.locator('.queue-failure').getByText('暂停取号').waitFor();
  await page.locator('.queue-business[data-business="civil-affairs"][data-refusal="closed"]').waitFor();
  assert.equal(await page.locator('.queue-ticket').count(), 0, 'no ticket');

  // Open again, but today's hours are over: each tile says so, with the hours of the day.
  const window = hourAway();
  await saveHall({ ...input, hours: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], windows: [window] }] });
  await page.getByRole('button', { name: '首页' }).click();
  await page.getByRole('button', { name: /排队取号/ }).click();
  await page.locator('.queue-business[data-business="social-security"][data-refusal="outside-hours"]').waitFor();
  assert.equal(
    await business('社保医保').locator('.queue-refusal').innerText(),
    `不在取号时间，今天 ${window.from}–${window.to}`,
  );
  await page.getByRole('button', { name: 'English' }).click();
  assert.equal(
    await business('社保医保').locator('.queue-refusal').innerText(),
    `Outside ticket hours; today ${window.from}–${window.to}`,
  );
  await page.getByRole('button', { name: '简体' }).click();
  // No dead end: home is a touch away.
  await page.getByRole('button', { name: '首页' }).click();
  await page.locator('.tile-category').first().waitFor();
});
