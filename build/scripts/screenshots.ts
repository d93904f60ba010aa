// `npm run screenshots`: renders every kiosk screen in normal and elder mode, portrait
// (1080×1920) and landscape (1920×1080), into docs/screenshots/kiosk/, the signage player's
// layouts and an emergency alert on a player and a kiosk into docs/screenshots/signage/, and the
// admin UI's pages into docs/screenshots/admin-*.png, a set-top box's info banner and programme
// guide into docs/screenshots/tv/, for people to look at (`npm run screenshots -- admin`,
// `-- signage`, `-- tv`, `-- kiosk` or `-- desk` for those alone; the clerk desk's screens are in
// docs/screenshots/kiosk/desk-*.png). The device screens use npm start's simulated devices and a
// cups-pdf queue.
import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { addCupsPdfQueue } from '../../device-drivers/test/cups-fixture';
import { startDemoPeripherals } from './demo-peripherals';
import { lastReceipt, photographReceipt } from './receipt-picture';
import {
  presetLayout,
  type CaseView,
  type NoticeView,
  type PlayRecord,
  type SignageInput,
  type SignageView,
  type TvChannelInput,
  type TvItem,
  type TvProgramme,
} from '@linli/protocol';
import {
  apiAs,
  createUser,
  enrolledDevice,
  enrolledPlayer,
  enrollmentCode,
  nodesByName,
  publishSignage,
  type AdminApi,
} from './admin-api';
import { startKiosk, startLinli, startPlayer } from './processes';

const outDir = path.resolve(import.meta.dirname, '../../docs/screenshots/kiosk');
const adminOutDir = path.resolve(import.meta.dirname, '../../docs/screenshots');
const FORMS_DIR = path.resolve(import.meta.dirname, '../../device-drivers/forms');
const BILL_PROVIDER_EXAMPLE = path.resolve(
  import.meta.dirname,
  '../../docs/examples/bill-provider-sunshine-water.json',
);
const ADMIN_PASSWORD = 'Screens2026';
const signageOutDir = path.resolve(import.meta.dirname, '../../docs/screenshots/signage');
const tvOutDir = path.resolve(import.meta.dirname, '../../docs/screenshots/tv');
const PARTS = ['admin', 'signage', 'tv', 'desk', 'kiosk'] as const;
const named = PARTS.filter((part) => process.argv.includes(part));
/** Whether a part runs: all of them when none is named, else those named (`kiosk` brings the desk's screens too). */
const runs = (part: (typeof PARTS)[number]) =>
  named.length === 0 || named.includes(part) || (part === 'desk' && named.includes('kiosk'));
const viewports = { portrait: { width: 1080, height: 1920 }, landscape: { width: 1920, height: 1080 } };

async function settle(page: Page): Promise<void> {
  await page.waitForTimeout(400);
}

async function shoot(page: Page, name: string, dir = outDir): Promise<void> {
  await settle(page);
  await page.screenshot({ path: path.join(dir, `${name}.png`) });
  console.log(`  ${name}.png`);
}

/** The admin UI's pages as a street office sees them (1440×900). */
async function adminScreens(page: Page, adminUrl: string): Promise<void> {
  await page.goto(`${adminUrl}/admin/`);
  await page.locator('input[name=password]').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('button', { name: '办事指南' }).click();
  await page.getByText('共 169 条').waitFor();
  await shoot(page, 'admin-guides', adminOutDir);
  await page.getByRole('button', { name: '新建指南' }).click();
  await page.locator('input[name=title]').fill('老年人助餐服务申请');
  await page.locator('textarea[name=summary]').fill('辖区60周岁以上老年人可在社区长者食堂用餐，享受助餐补贴。');
  const materials = page.getByRole('group', { name: '申请材料' });
  await materials.getByRole('textbox', { name: '材料名称（第 1 项）' }).fill('居民身份证');
  await materials.getByRole('button', { name: '添加材料' }).click();
  await materials.getByRole('textbox', { name: '材料名称（第 2 项）' }).fill('户口簿或居住证');
  await page
    .getByRole('group', { name: '办理流程' })
    .getByRole('textbox', { name: '步骤（第 1 项）' })
    .fill('到社区服务站登记');
  await page.locator('input[name=officeName]').fill('临江社区服务站');
  await page.locator('input[name=address]').fill('安和路88号');
  await page.frameLocator('.kiosk-preview iframe').locator('.guide-page', { hasText: '安和路88号' }).waitFor();
  await shoot(page, 'admin-guide-editor', adminOutDir);
  await page.getByRole('button', { name: '取消' }).click();
  await page.getByRole('button', { name: '组织机构' }).click();
  await page
    .getByRole('navigation', { name: '组织机构' })
    .getByRole('button', { name: /安和街道/ })
    .click();
  const add = page.locator('form', { hasText: '添加下级社区' });
  await add.locator('input[name=name]').fill('荷花社区');
  await add.locator('input[name=code]').fill('330188002004');
  await add.getByRole('alert').waitFor();
  await shoot(page, 'admin-orgs', adminOutDir);
  await page.getByRole('button', { name: '用户' }).click();
  const user = page.locator('form', { hasText: '新建用户' });
  await user.locator('input[name=username]').fill('anhe.admin');
  await user.locator('input[name=displayName]').fill('安和街道管理员');
  await user.locator('input[name=password]').fill('Anhe2026street');
  await user.getByRole('button', { name: '创建用户' }).click();
  await page.locator('tr[data-username="anhe.admin"]').waitFor();
  await shoot(page, 'admin-users', adminOutDir);
  await page.getByRole('button', { name: '审计日志' }).click();
  await page.locator('tr[data-action="user.create"] summary').click();
  await shoot(page, 'admin-audit', adminOutDir);
  await page.getByRole('button', { name: '通知公告' }).click();
  await page.getByRole('button', { name: '新建通知' }).click();
  await page.locator('input[name=title]').fill('关于12月1日临江社区停水的通知');
  await page
    .locator('textarea[name=body]')
    .fill('因管道检修，12月1日9:00至17:00临江社区停水。\n\n请居民提前储水，不便之处敬请谅解。');
  await shoot(page, 'admin-notice-editor', adminOutDir);
  await page.getByRole('button', { name: '保存' }).click();
  await page.locator('tr', { hasText: '临江社区停水' }).getByRole('button', { name: '提交审核' }).click();
  await page.locator('tr', { hasText: '临江社区停水' }).getByText('待审核').waitFor();
  await shoot(page, 'admin-notices', adminOutDir);
  await page.getByRole('button', { name: '设备' }).click();
  await page
    .getByRole('navigation', { name: '组织机构' })
    .getByRole('button', { name: /临江市安和区/ })
    .click();
  await page.getByRole('button', { name: '命令与设置' }).first().click();
  await page.getByRole('button', { name: '重新同步' }).click();
  await page.locator('tr[data-command="re-sync"]').getByText('已完成').waitFor({ timeout: 20_000 });
  await shoot(page, 'admin-device', adminOutDir);
  await page.getByRole('button', { name: '办事指南' }).click();
  const guide = page.locator('tr[data-guide-id]').first();
  await guide.getByRole('button', { name: '编辑' }).click();
  const title = page.locator('input[name=title]');
  await title.fill(`${await title.inputValue()}（2027年起）`);
  await page.locator('input[name=fees]').fill('不收费。补办实体卡工本费按物价部门规定执行。');
  await page.getByRole('button', { name: '保存草稿' }).click();
  await guide.getByRole('button', { name: '历史版本' }).click();
  await page.getByRole('region', { name: '历史版本' }).waitFor();
  await shoot(page, 'admin-guide-history', adminOutDir);
  await page.getByRole('button', { name: '打印表格' }).click();
  await page.getByRole('button', { name: '新建表格' }).click();
  await page.locator('input[name=definition]').setInputFiles(path.join(FORMS_DIR, 'resident-registration.form.json'));
  await page.locator('input[type=file][accept*=pdf]').setInputFiles(path.join(FORMS_DIR, 'resident-registration.pdf'));
  await page.waitForFunction(
    () => (document.querySelector('select[name=template]') as HTMLSelectElement | null)?.value !== '',
  );
  await shoot(page, 'admin-form-editor', adminOutDir);
  await page.getByRole('button', { name: '保存并发布' }).click();
  await page.locator('tr[data-form-id]').first().waitFor();
  await shoot(page, 'admin-forms', adminOutDir);
  // 信息发布: the list, then the demo notice board in the editor (designer, playlists, calendar, preview).
  await page.getByRole('button', { name: '信息发布' }).click();
  const board = page.locator('tr[data-signage-id]', { hasText: '大厅公告屏' });
  await board.waitFor();
  await shoot(page, 'admin-signage', adminOutDir);
  await board.getByRole('button', { name: '编辑' }).click();
  await page.locator('.zone-box[data-zone-id="main"]').waitFor();
  await page.setViewportSize({ width: 1440, height: 2000 });
  await shoot(page, 'admin-signage-editor', adminOutDir);
  await page.setViewportSize({ width: 1440, height: 900 });
  // 播放记录: the board's plays on two screens over the last three days.
  await page.getByRole('button', { name: '取消' }).click();
  await uploadDemoPlays(adminUrl);
  await page.getByRole('button', { name: '播放记录' }).click();
  await page.locator('table.plays tfoot').waitFor();
  await page.locator('select[name=deviceId]').selectOption({ label: '安和街道便民服务中心大厅屏' });
  await page.waitForFunction(() => document.querySelectorAll('table.plays tbody tr').length === 6);
  await shoot(page, 'admin-proof-of-play', adminOutDir);
  // 预警信息: the demo CAP alert in force, a 停水通知 waiting for a second person, and a new alert
  // being written from the 暴雨 template (the signage screenshots post the same alert, still in force).
  await postDemoAlert(adminUrl, 'cap-demo-alert.xml');
  await page.getByRole('button', { name: '预警信息' }).click();
  await page.getByRole('button', { name: '新建预警' }).click();
  let form = page.getByRole('form', { name: '新建预警' });
  await form.getByLabel('停水').check();
  await form.getByLabel('临江社区').check();
  await form.getByRole('button', { name: '提交审核' }).click();
  await page.locator('table.manual-alerts tbody tr').first().waitFor();
  await page.getByRole('button', { name: '新建预警' }).click();
  form = page.getByRole('form', { name: '新建预警' });
  await form.getByLabel('级别').selectOption('Extreme');
  await form.getByLabel('临江社区').check();
  await page.locator('table.alerts tbody tr').first().waitFor();
  await page.setViewportSize({ width: 1440, height: 2100 });
  await shoot(page, 'admin-alerts', adminOutDir);
  await page.setViewportSize({ width: 1440, height: 900 });
  await billProvidersScreen(page, adminUrl);
  await casesScreens(page, adminUrl);
  await queueScreens(page, adminUrl);
  await gridMapScreen(page, adminUrl);
  await workCalendarScreen(page);
  await staffMobileScreens(page, adminUrl);
}

/** 网格地图: the demo grids of 临江社区 with a few events reported with their positions, and one grid in the editor. */
async function gridMapScreen(page: Page, adminUrl: string): Promise<void> {
  const admin = await apiAs(adminUrl, 'admin', ADMIN_PASSWORD);
  const community = (await nodesByName(admin)).get('临江社区')!.id;
  const events = [
    { category: 'safety/manhole', description: '1号楼北侧井盖缺失', lat: 30.2712, long: 120.1506 },
    { category: 'sanitation/garbage', description: '2号楼垃圾满溢', lat: 30.2721, long: 120.1517 },
    { category: 'traffic/street-lights', description: '南门路灯不亮', lat: 30.2704, long: 120.1541 },
    { category: 'traffic/parking', description: '消防通道被占', lat: 30.2725, long: 120.1552 },
  ];
  for (const { lat, long, ...event } of events)
    await admin('POST', '/cases', {
      channel: 'walk-in',
      orgId: community,
      nature: 'report',
      ...event,
      location: { lat, long },
    });
  await page.getByRole('navigation', { name: '主菜单' }).getByRole('button', { name: '网格地图' }).click();
  await page
    .locator('path.case-point')
    .nth(events.length - 1)
    .waitFor();
  await page
    .locator('path.grid-area')
    .first()
    .click({ position: { x: 12, y: 12 } });
  await page.locator('.grid-map-side h3').waitFor();
  await shoot(page, 'admin-grid-map', adminOutDir);
  // The same grid in the editor, a corner picked to drag or remove.
  const side = page.locator('.grid-map-side');
  await side.getByRole('button', { name: '编辑边界和地址' }).click();
  await page.locator('.grid-vertex').first().click();
  await page.locator('.grid-vertex.selected').waitFor();
  await shoot(page, 'admin-grid-edit', adminOutDir);
  await side.getByRole('button', { name: '取消' }).click();
}

/** 工作日历: 2027 entered as the State Council announced it, the months showing the Spring Festival week off. */
async function workCalendarScreen(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: '主菜单' }).getByRole('button', { name: '工作日历' }).click();
  await page.getByRole('button', { name: '添加年份' }).click();
  const form = page.getByRole('form', { name: '2027' });
  await form.getByLabel('依据').fill('国务院办公厅关于2027年部分节假日安排的通知');
  const holidays = [
    ['元旦', '2027-01-01', '2027-01-03'],
    ['春节', '2027-02-06', '2027-02-13'],
  ] as const;
  for (const [index, [name, from, to]] of holidays.entries()) {
    await form.getByRole('button', { name: '添加节假日' }).click();
    const row = form.locator(`tr[data-holiday="${index}"]`);
    await row.getByLabel('名称').fill(name);
    await row.getByLabel('开始').fill(from);
    await row.getByLabel('结束').fill(to);
  }
  await form.getByRole('button', { name: '添加调休上班日' }).click();
  await form.locator('li[data-make-up="0"] input').fill('2027-02-14');
  await page.setViewportSize({ width: 1440, height: 1300 });
  await shoot(page, 'admin-work-calendar', adminOutDir);
  await page.setViewportSize({ width: 1440, height: 900 });
  // 使用统计 of a street, from the demo's weeks of use; then the words nobody found, one being added.
  await page.getByRole('button', { name: '使用统计' }).click();
  await page.getByRole('button', { name: '查看安和街道' }).click();
  await page.locator('.usage-trail [aria-current=page]', { hasText: '安和街道' }).waitFor();
  await page.setViewportSize({ width: 1440, height: 1500 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await shoot(page, 'admin-usage', adminOutDir);
  const gaps = page.getByRole('region', { name: '搜索无结果' });
  const miss = gaps.locator('tr', { hasText: '宠物' });
  await miss.getByRole('button', { name: '加为别名…' }).click();
  await miss.getByRole('searchbox', { name: '查找指南' }).fill('犬');
  await miss.getByRole('button', { name: /加到「养犬登记/ }).waitFor();
  await settle(page);
  await gaps.screenshot({ path: path.join(adminOutDir, 'admin-usage-gaps.png') });
  console.log('  admin-usage-gaps.png');
  // 统计查询 of a street from the demo's figures; 数据填报's form with a mistake beside its field.
  await page.getByRole('button', { name: '统计查询' }).click();
  await page.getByRole('button', { name: '查看安和街道' }).click();
  await page.locator('.usage-trail [aria-current=page]', { hasText: '安和街道' }).waitFor();
  await page.locator('tr[data-indicator="population"]').getByRole('button', { name: '常住人口' }).click();
  await page
    .getByRole('img', { name: /常住人口/ })
    .locator('svg')
    .waitFor();
  await page.setViewportSize({ width: 1440, height: 1100 });
  await shoot(page, 'admin-figures', adminOutDir);
  await page.getByRole('button', { name: '数据填报' }).click();
  await page.getByRole('button', { name: '下一期 ›' }).click();
  await page.getByRole('button', { name: '填报 临江社区' }).click();
  await page.getByLabel('常住人口（人）', { exact: true }).fill('5200.5');
  await page.getByLabel('60周岁以上老年人（人）', { exact: true }).fill('1300');
  await page.getByRole('button', { name: '保存草稿' }).click();
  await page.getByText('须为整数').waitFor();
  await page.evaluate(() => window.scrollTo(0, 0));
  await shoot(page, 'admin-figures-form', adminOutDir);
  // 统计报表: a report of 安和街道's communities designed and previewed; the street's monthly report as a PDF page.
  await page.getByRole('button', { name: '统计报表' }).click();
  const builder = page.locator('.report-builder');
  await builder.getByLabel('报表名称').fill('安和各社区月度服务');
  const unit = builder.locator('select[name=orgId]');
  await unit.selectOption((await unit.locator('option', { hasText: '安和街道' }).getAttribute('value'))!);
  await builder.getByLabel('表格打印').check();
  await builder.getByLabel('按月自动生成').check();
  await builder.getByRole('button', { name: '预览' }).click();
  await builder.locator('.report-view .chart svg').waitFor();
  await page.setViewportSize({ width: 1440, height: 1900 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await shoot(page, 'admin-reports', adminOutDir);
  await page.setViewportSize({ width: 1440, height: 900 });
  const month = new Date(Date.now() + 8 * 3600_000 - 31 * 86_400_000).toISOString().slice(0, 7);
  const street = await unit.inputValue();
  const pdf = await page.request.get(
    `${new URL(page.url()).origin}/api/v1/admin/reports/monthly?month=${month}&orgId=${street}&format=pdf&locale=zh-Hans`,
  );
  const pdfDir = mkdtempSync(path.join(tmpdir(), 'linli-report-'));
  writeFileSync(path.join(pdfDir, 'monthly.pdf'), await pdf.body());
  execFileSync('pdftoppm', ['-png', '-r', '90', '-f', '1', '-l', '1', '-singlefile', 'monthly.pdf', 'page'], {
    cwd: pdfDir,
  });
  copyFileSync(path.join(pdfDir, 'page.png'), path.join(adminOutDir, 'report-pdf.png'));
  rmSync(pdfDir, { recursive: true, force: true });
  console.log('  report-pdf.png');
}

/**
 * The staff app on a phone (390×844): a grid worker with a case dispatched to them — reminded above
 * the task list — the task open with its progress note and photos, and 上报事件.
 */
async function staffMobileScreens(adminPage: Page, adminUrl: string): Promise<void> {
  const admin = await apiAs(adminUrl, 'admin', ADMIN_PASSWORD);
  const nodes = await nodesByName(admin);
  const grid = nodes.get('临江第一网格')!.id;
  const worker = await admin('POST', '/users', {
    username: 'grid.wangli',
    displayName: '王丽',
    role: 'query-clerk',
    orgId: grid,
    password: ADMIN_PASSWORD,
    mustChangePassword: false,
  });
  if (worker.status !== 201) throw new Error(`creating the grid worker: ${JSON.stringify(worker.json)}`);
  const dispatch = { action: 'dispatch', assigneeOrgId: grid, assigneeUser: 'grid.wangli' };
  await demoCase(
    admin,
    nodes.get('临江社区')!.id,
    {
      nature: 'report',
      category: 'safety/manhole',
      description: '1号楼北侧井盖松动，踩上去会翻',
      location: { text: '临江小区1号楼北侧' },
    },
    [{ action: 'accept' }, dispatch],
  );
  const page = await adminPage
    .context()
    .browser()!
    .newPage({ viewport: { width: 390, height: 844 } });
  try {
    await page.goto(`${adminUrl}/admin/mobile.html`);
    await page.getByLabel('用户名').fill('grid.wangli');
    await page.getByLabel('密码').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('region', { name: '时限提醒' }).waitFor();
    await shoot(page, 'mobile-tasks', adminOutDir);
    await page.getByRole('button', { name: /1号楼北侧井盖松动/ }).click();
    await page.getByRole('button', { name: '签收', exact: true }).click();
    await page.getByLabel('进展说明').fill('已设置警示标志，联系市政今天下午更换井盖');
    await shoot(page, 'mobile-task', adminOutDir);
    await page.getByRole('button', { name: '返回' }).click();
    await page.getByRole('button', { name: '上报事件' }).click();
    await page.getByLabel('事件描述').fill('3号楼前路灯不亮，晚上很黑');
    await page.getByLabel('地点说明').fill('临江小区3号楼前');
    await shoot(page, 'mobile-report', adminOutDir);
  } finally {
    await page.close();
  }
}

/**
 * 计费机构: 阳光水务 connected for 安和街道 from the documented example, and a file for 江滨街道's gas
 * pasted with a misspelt field, its mistake listed under it. Disconnected afterwards, so the kiosk
 * screens that follow are answered by the simulated utilities as before.
 */
async function billProvidersScreen(page: Page, adminUrl: string): Promise<void> {
  const admin = await apiAs(adminUrl, 'admin', ADMIN_PASSWORD);
  const nodes = await nodesByName(admin);
  const example = JSON.parse(readFileSync(BILL_PROVIDER_EXAMPLE, 'utf8')) as Record<string, unknown>;
  const connected = await admin('PUT', '/bill-providers', { orgId: nodes.get('安和街道')!.id, config: example });
  if (connected.status !== 200) throw new Error(`connecting the example: ${JSON.stringify(connected.json)}`);
  await page.getByRole('button', { name: '计费机构' }).click();
  await page.locator('tr[data-provider-id="sunshine-water"]').waitFor();
  const form = page.getByRole('form', { name: '接入计费机构' });
  await form.getByLabel('服务范围（所选机构及下级）').selectOption(String(nodes.get('江滨街道')!.id));
  const gas = { ...example, id: 'jiangbin-gas', name: '江滨燃气', utility: 'gas', timeout: 5000 };
  await form.getByLabel('配置文件（JSON）').fill(JSON.stringify(gas, null, 2));
  await form.getByRole('button', { name: '连接' }).click();
  await form.locator('#bill-provider-file-problems').waitFor();
  await page.setViewportSize({ width: 1440, height: 1040 });
  await shoot(page, 'admin-bill-providers', adminOutDir);
  await page.setViewportSize({ width: 1440, height: 900 });
  await admin('DELETE', '/bill-providers/sunshine-water');
}

/** A case written up at node `orgId` through the API and taken through `steps`; answers it as it then stands. */
async function demoCase(api: AdminApi, orgId: number, input: object, steps: object[]): Promise<CaseView> {
  const registered = await api('POST', '/cases', { channel: 'walk-in', orgId, ...input });
  if (registered.status !== 201) throw new Error(`registering a case: ${JSON.stringify(registered.json)}`);
  let [view] = (await api('GET', `/cases?q=${registered.json.tracking as string}`)).json.cases as CaseView[];
  for (const step of steps) {
    const moved = await api('POST', `/cases/${view!.id}/actions`, { ...step, version: view!.version });
    if (moved.status !== 200) throw new Error(`a case step: ${JSON.stringify(moved.json)}`);
    view = moved.json as unknown as CaseView;
  }
  return view!;
}

/**
 * 诉求办理: cases at the demo's communities in several states — registered (green: dispatch within
 * the day), dispatched and waiting to be signed for (yellow, one urgent), one being handled with an
 * extension asked for, one waiting for the resident (the clock stopped) — then the one being handled
 * opened in full, its steps above the reply being written. No case shows red: its limit would have
 * to be past, and a running server's cases cannot be dated back.
 */
async function casesScreens(page: Page, adminUrl: string): Promise<void> {
  const admin = await apiAs(adminUrl, 'admin', ADMIN_PASSWORD);
  const nodes = await nodesByName(admin);
  const at = (name: string) => nodes.get(name)!.id;
  const accept = { action: 'accept' };
  const dispatchTo = (name: string) => ({ action: 'dispatch', assigneeOrgId: at(name) });
  const sign = { action: 'sign' };
  const handled = await demoCase(
    admin,
    at('临江社区'),
    {
      channel: 'phone',
      nature: 'complaint',
      category: 'sanitation/garbage',
      description: '3号楼北侧垃圾桶三天没有清运，气味很大，夏天蚊蝇多',
      location: { text: '临江小区3号楼北侧' },
      contact: { name: '张小三', phone: '13812345678' },
      call: {
        callerNumber: '13812345678',
        calledAt: new Date(Date.now() - 20 * 60_000).toISOString(),
        durationSeconds: 185,
        recordingRef: 'rec-12345-0001',
      },
    },
    [accept, dispatchTo('临江社区'), sign, { action: 'request-extension', days: 3, note: '需协调环卫所调整清运线路' }],
  );
  await demoCase(
    admin,
    at('春晖社区'),
    {
      nature: 'report',
      category: 'safety/overhead-wires',
      description: '2单元楼道里有人拉电线给电动车充电',
      contact: { phone: '13700001111' },
    },
    [accept, dispatchTo('春晖社区'), sign, { action: 'wait', note: '居民外出，约定周五上门查看' }],
  );
  await demoCase(
    admin,
    at('桂花社区'),
    {
      nature: 'complaint',
      category: 'environment/noise',
      description: '工地夜间施工，晚上11点以后还在打桩',
      contact: { name: '李桂兰', phone: '13955556666' },
    },
    [accept, dispatchTo('安和街道')],
  );
  await demoCase(
    admin,
    at('望湖社区'),
    {
      nature: 'help',
      urgency: 'urgent',
      category: 'property/elevator',
      description: '5号楼电梯停在两层之间，老人被困在里面',
      location: { text: '望湖小区5号楼' },
    },
    [accept, dispatchTo('望湖社区')],
  );
  await demoCase(
    admin,
    at('临江社区'),
    {
      nature: 'consultation',
      category: 'affairs/residence-permit',
      description: '居住证下个月到期，续签要带什么材料',
      contact: { name: '王芳' },
    },
    [],
  );
  await page.getByRole('button', { name: '诉求办理' }).click();
  await page.waitForFunction(() => document.querySelectorAll('table.cases tbody tr').length === 5);
  await shoot(page, 'admin-cases', adminOutDir);
  await page.getByRole('button', { name: `查看 ${handled.tracking}` }).click();
  const detail = page.getByRole('region', { name: `诉求 ${handled.tracking}` });
  await detail.getByRole('button', { name: '答复', exact: true }).click();
  await detail.getByLabel('答复内容').fill('已联系环卫所，自下周一起每天清运两次，并对垃圾桶周边消杀。');
  await page.setViewportSize({ width: 1440, height: 1420 });
  await shoot(page, 'admin-case-detail', adminOutDir);
  await page.setViewportSize({ width: 1440, height: 900 });
}

/** Posts one of the demo CAP documents with the demo alert source's key, as a warning centre would. */
/**
 * 排队叫号 and 窗口叫号 on the demo hall: a kiosk of the district takes a morning's tickets (two
 * older residents' among them), windows 1–3 call theirs, and 2 号窗口's clerk is shown at work.
 */
async function queueScreens(page: Page, adminUrl: string): Promise<void> {
  const api = await apiAs(adminUrl, 'admin', ADMIN_PASSWORD);
  const nodes = (await api('GET', '/orgs')).json.nodes as { id: number; parentId: number | null }[];
  const root = nodes.find((node) => node.parentId === null)!;
  const hall = ((await api('GET', '/queue/halls')).json.halls as { id: number; orgId: number }[]).find(
    (candidate) => candidate.orgId === root.id,
  )!;
  const kiosk = await enrolledDevice(adminUrl, await enrollmentCode(api, root.id), '大厅取号机 2', 'kiosk');
  const tickets: [string, 'none' | 'elder'][] = [
    ['social-security', 'none'],
    ['social-security', 'elder'],
    ['civil-affairs', 'none'],
    ['household', 'none'],
    ['general', 'none'],
    ['social-security', 'none'],
    ['household', 'elder'],
    ['civil-affairs', 'none'],
    ['social-security', 'none'],
    ['general', 'none'],
  ];
  for (const [business, priority] of tickets) {
    const taken = await kiosk.call('POST', '/api/v1/queue/tickets', { clientId: randomUUID(), business, priority });
    if (taken.status !== 201) throw new Error(`ticket: ${await taken.text()}`);
  }
  for (const window of [1, 3, 4]) {
    const called = await api('POST', `/queue/halls/${hall.id}/windows/${window}/actions`, { action: 'call-next' });
    if (called.status !== 200) throw new Error(`call: ${JSON.stringify(called.json)}`);
  }
  // 预约取号 on a phone: the slots of a business, then the booking made.
  const phone = await page
    .context()
    .browser()!
    .newPage({ viewport: { width: 390, height: 844 } });
  await phone.goto(`${adminUrl}/queue/book/${hall.id}/social-security`);
  // Tomorrow's slots (today's depend on the hour the screenshots are taken).
  await phone.locator('nav.days a').nth(1).click();
  await phone.locator('input[name="slot"]:not([disabled])').nth(1).check();
  await phone.evaluate(() => window.scrollTo(0, 0));
  await shoot(phone, 'mobile-booking', adminOutDir);
  await phone.getByLabel(/手机号/).fill('13800001234');
  await phone.getByRole('button', { name: '确认预约' }).click();
  await phone.locator('.code').waitFor();
  await shoot(phone, 'mobile-booked', adminOutDir);
  await phone.close();
  await page.getByRole('navigation', { name: '主菜单' }).getByRole('button', { name: '排队叫号' }).click();
  await page.locator('.queue-window[data-window="1"] .queue-ticket').waitFor();
  await shoot(page, 'admin-queue', adminOutDir);
  await page.getByRole('navigation', { name: '主菜单' }).getByRole('button', { name: '窗口叫号' }).click();
  await page.locator('select[name="window"]').selectOption('2');
  await page.getByRole('button', { name: '开始服务' }).click();
  await page.getByRole('button', { name: '叫号', exact: true }).click();
  await page.locator('.counter-current .queue-ticket').waitFor();
  await shoot(page, 'admin-counter', adminOutDir);
  // The window's rating pad beside it (on its own screen, signed in), asking once the ticket is finished.
  const pad = await page
    .context()
    .browser()!
    .newPage({ viewport: { width: 1280, height: 800 } });
  await pad.goto(`${adminUrl}/admin/`);
  await pad.locator('input[name=username]').fill('admin');
  await pad.locator('input[name=password]').fill(ADMIN_PASSWORD);
  await pad.getByRole('button', { name: '登录' }).click();
  await pad.getByRole('button', { name: '退出登录' }).waitFor();
  await pad.goto(`${adminUrl}/admin/#rating-pad/${hall.id}/2`);
  await pad.locator('.rating-pad').waitFor();
  await page.keyboard.press('f');
  await pad.getByText('请为本次服务评价').waitFor();
  await shoot(pad, 'admin-rating-pad', adminOutDir);
  await pad.getByRole('button', { name: /非常满意/ }).click();
  await pad
    .getByRole('button', { name: /提交|完成|不选/ })
    .first()
    .click();
  await pad.close();
  // 统计: today's tickets, waits and the rating.
  await page.getByRole('navigation', { name: '主菜单' }).getByRole('button', { name: '排队叫号' }).click();
  await page.getByRole('tab', { name: '统计' }).click();
  await page.locator('.stat-totals').waitFor();
  await shoot(page, 'admin-queue-stats', adminOutDir);
}

async function postDemoAlert(adminUrl: string, file: string): Promise<Response> {
  const key = readFileSync(path.join(dataDir, 'demo-alert-source.key'), 'utf8').trim();
  return fetch(`${adminUrl}/api/v1/alerts/cap`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/cap+xml' },
    body: readFileSync(path.resolve(import.meta.dirname, '../../admin-server/demo', file)),
  });
}

/**
 * The demo notice board played on two screens from 09:00 for 40 minutes on each of the last three
 * days (Beijing time), uploaded as their players would have.
 */
async function uploadDemoPlays(adminUrl: string): Promise<void> {
  const admin = await apiAs(adminUrl, 'admin', ADMIN_PASSWORD);
  const list = await admin('GET', `/signage?q=${encodeURIComponent('大厅公告屏')}`);
  const layout = (list.json.publications as SignageView[])[0]!.schedule.layouts[0]!;
  const board = (list.json.publications as SignageView[])[0]!.id;
  const nodes = await nodesByName(admin);
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const screens = [
    ['安和街道便民服务中心大厅屏', '安和街道'],
    ['临江社区服务站屏', '临江社区'],
  ] as const;
  for (const [screen, [name, node]] of screens.entries()) {
    const player = await enrolledPlayer(adminUrl, await enrollmentCode(admin, nodes.get(node)!.id), name);
    const plays: PlayRecord[] = [];
    for (let day = 1; day <= 3; day++) {
      const opening = Date.parse(`${today}T09:00:00+08:00`) - day * 86_400_000;
      for (const zone of layout.zones) {
        for (let n = 0, at = opening; at < opening + 40 * 60_000; n++) {
          const item = zone.playlist[n % zone.playlist.length]!;
          const seconds = 'durationSec' in item && item.durationSec ? item.durationSec : 10;
          plays.push({
            playId: `demo-${screen}-${day}-${zone.id}-${n}`,
            publicationId: board,
            layoutId: layout.id,
            zoneId: zone.id,
            itemId: item.id,
            startedAt: new Date(at).toISOString(),
            endedAt: new Date(at + seconds * 1000).toISOString(),
          });
          at += seconds * 1000;
        }
      }
    }
    for (let from = 0; from < plays.length; from += 500) await player.uploadPlays(plays.slice(from, from + 500));
  }
}

/** 读取身份证, 打印表格 and the maintenance screen, against the simulated devices. */
async function deviceScreensOf(page: Page, prefix: string): Promise<void> {
  await page.getByRole('button', { name: /读取身份证/ }).click();
  await page.getByText(/仅用于本次办理/).waitFor();
  await shoot(page, `${prefix}-id-card-consent`);
  await page.getByRole('button', { name: '同意并读卡' }).click();
  await page.getByText('已读取证件信息').waitFor({ timeout: 15_000 });
  await shoot(page, `${prefix}-id-card-shown`);
  await page.getByRole('button', { name: '完成' }).click();

  await page.getByRole('button', { name: /打印表格/ }).click();
  await page.getByRole('button', { name: /居住证明申请表/ }).waitFor();
  await shoot(page, `${prefix}-forms`);
  await page.getByRole('button', { name: /居住证明申请表/ }).click();
  await page.getByRole('button', { name: '与身份证住址相同' }).click();
  await page
    .getByRole('group', { name: /开始在此居住的日期/ })
    .getByRole('button', { name: '今天' })
    .click();
  await page.getByRole('radio', { name: '租住' }).click();
  const answers = {
    申请事由: '孩子明年上小学，需要开具居住证明。',
    '证明用于何处（如：子女入学）': '子女入学',
  };
  for (const [label, value] of Object.entries(answers)) await page.getByLabel(label).fill(value);
  await page.getByLabel('联系电话').click();
  for (const digit of '13800138000')
    await page.locator('.osk').getByRole('button', { name: digit, exact: true }).click();
  await shoot(page, `${prefix}-form-questions`);
  await page
    .locator('.osk')
    .getByRole('button', { name: /收起键盘/ })
    .click();
  await page.getByRole('button', { name: '预览表格' }).click();
  await page.getByRole('heading', { name: '请核对要打印的内容' }).waitFor();
  await shoot(page, `${prefix}-form-preview`);
  await page.getByRole('button', { name: '打印', exact: true }).click();
  await page.getByRole('status').filter({ hasText: '打印完成' }).waitFor({ timeout: 60_000 });
  await shoot(page, `${prefix}-form-printed`);
  await page.getByRole('button', { name: '完成' }).click();

  const title = (await page.locator('.app-title').boundingBox())!;
  await page.mouse.move(title.x + 10, title.y + 10);
  await page.mouse.down();
  await page.waitForTimeout(3300);
  await page.mouse.up();
  await page.getByText('请输入维护密码').waitFor();
  for (const digit of '2468') await page.locator('.pin-keys').getByRole('button', { name: digit, exact: true }).click();
  await shoot(page, `${prefix}-maintenance-pin`);
  await page.getByRole('button', { name: '进入' }).click();
  await page.locator('.peripheral-row').first().waitFor();
  await shoot(page, `${prefix}-maintenance`);
  await page.getByRole('button', { name: '首页' }).click();
}

/**
 * 查缴水电气 against the simulated utilities: the choice, the digit pad, an unknown number, a bill in
 * arrears, its payment code and, paid on the simulator's page, the receipt. The simulated utility
 * remembers payments, so each screen size pays its own utility's arrears, in normal mode only (elder
 * mode shows the code and cancels it).
 */
async function billScreensOf(page: Page, prefix: string, adminUrl: string, elderMode: boolean): Promise<void> {
  const utility = prefix.startsWith('portrait')
    ? { name: '水费', arrears: '1000010003' }
    : { name: '电费', arrears: '2000010003' };
  const typeAndAsk = async (digits: string) => {
    await page.locator('.digit-pad-keys').getByRole('button', { name: '清空' }).click();
    for (const digit of digits)
      await page.locator('.digit-pad-keys').getByRole('button', { name: digit, exact: true }).click();
  };
  await page.getByRole('button', { name: /查缴水电气/ }).click();
  await page.locator('.bill-utility').first().waitFor();
  await shoot(page, `${prefix}-bills`);
  await page.getByRole('button', { name: new RegExp(utility.name) }).click();
  await typeAndAsk('1000010009');
  await page.getByRole('button', { name: '查询', exact: true }).click();
  await page.locator('#account-error').waitFor();
  await shoot(page, `${prefix}-bills-unknown`);
  await typeAndAsk(utility.arrears);
  await shoot(page, `${prefix}-bills-pad`);
  await page.getByRole('button', { name: '查询', exact: true }).click();
  await page.locator('.bill-view').waitFor();
  await shoot(page, `${prefix}-bills-bill`);
  await page.getByRole('button', { name: /^缴费 / }).click();
  const code = page.locator('.payment-view[data-state="pending"]');
  await code.waitFor();
  await shoot(page, `${prefix}-bills-pay`);
  if (elderMode) {
    await page.getByRole('button', { name: '取消缴费' }).click();
    await page.getByRole('button', { name: '首页' }).click();
    return;
  }
  await fetch(`${adminUrl}/pay-sim/${await code.getAttribute('data-order-id')}/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: '',
  });
  await page.getByText('销账编号').waitFor();
  await page.getByText('回执已打印，请在出纸口取走').waitFor();
  await shoot(page, `${prefix}-bills-paid`);
  const transaction = await page.locator('[data-field="transaction"]').innerText();
  await page.getByRole('button', { name: '完成' }).click();
  // The receipt again, by its transaction number.
  await page.getByRole('button', { name: /查缴水电气/ }).click();
  await page.getByRole('button', { name: '补打缴费回执' }).click();
  await typeAndAsk(transaction);
  await page.getByRole('button', { name: '打印回执' }).click();
  await page.locator('.reprint-view').waitFor();
  await shoot(page, `${prefix}-bills-reprint`);
  await page.getByRole('button', { name: '完成' }).click();
}

/** 诉求服务: the five ways in, the category, the account with place and phone, and the case taken. */
async function caseScreensOf(page: Page, prefix: string): Promise<void> {
  await page.getByRole('button', { name: /诉求服务/ }).click();
  await page.locator('.case-nature').first().waitFor();
  await shoot(page, `${prefix}-cases`);
  await page.getByRole('button', { name: /我要投诉/ }).click();
  await page.getByRole('button', { name: '市容环卫' }).click();
  await page.getByRole('button', { name: '垃圾清运' }).waitFor();
  await shoot(page, `${prefix}-cases-category`);
  await page.getByRole('button', { name: '垃圾清运' }).click();
  await page.locator('#case-description').fill('3号楼北侧垃圾桶三天没有清运，气味很大，希望尽快处理。');
  await page.locator('#case-place').fill('临江小区3号楼北侧');
  await page.locator('#case-phone').fill('13812345678');
  await shoot(page, `${prefix}-cases-details`);
  await page.getByRole('button', { name: '提交', exact: true }).click();
  await page.locator('.case-submission[data-state="sent"]').waitFor();
  await shoot(page, `${prefix}-cases-sent`);
  if (prefix === 'portrait-normal') {
    // The 受理单 as the receipt printer simulator received it, drawn as the paper shows it.
    await page.getByRole('button', { name: '打印受理单' }).click();
    await page.getByText('受理单已打印').waitFor();
    const paper = await page.context().browser()!.newPage();
    await photographReceipt(paper, lastReceipt(devices.receiptEvents()), 80, path.join(outDir, 'case-ticket.png'));
    await paper.close();
    console.log('  case-ticket.png');
  }
  await page.getByRole('button', { name: '完成' }).click();
}

/** 排队取号: the businesses with their waits, the elder-priority question, and the ticket taken. */
async function queueScreensOf(page: Page, prefix: string): Promise<void> {
  await page.getByRole('button', { name: /排队取号/ }).click();
  await page.locator('.queue-business').first().waitFor();
  await shoot(page, `${prefix}-queue`);
  await page.getByRole('button', { name: '预约签到' }).click();
  await page.locator('.digit-pad').waitFor();
  await shoot(page, `${prefix}-queue-check-in`);
  await page.getByRole('button', { name: '返回' }).click();
  await page.locator('.queue-business', { hasText: '社保医保' }).click();
  await page.locator('.queue-priority-step').waitFor();
  await shoot(page, `${prefix}-queue-priority`);
  await page.getByRole('button', { name: '不读卡，直接取号' }).click();
  await page.locator('.queue-ticket[data-print="printed"]').waitFor();
  await shoot(page, `${prefix}-queue-ticket`);
  if (prefix === 'portrait-normal') {
    // The ticket as the receipt printer simulator received it, drawn as the paper shows it.
    const paper = await page.context().browser()!.newPage();
    await photographReceipt(paper, lastReceipt(devices.receiptEvents()), 80, path.join(outDir, 'queue-ticket.png'));
    await paper.close();
    console.log('  queue-ticket.png');
  }
  await page.getByRole('button', { name: '完成', exact: true }).click();
}

/**
 * The clerk desk on a community PC (1920×1080): a second kiosk app in its desk profile enrolled at
 * 临江社区, where a query clerk signs in, writes the 咨询台账, serves from the kiosk's screens and
 * steps away.
 */
async function deskScreens(page: Page, linli: { adminUrl: string }, env: NodeJS.ProcessEnv): Promise<void> {
  const admin = await apiAs(linli.adminUrl, 'admin', ADMIN_PASSWORD);
  const linjiang = (await nodesByName(admin)).get('临江社区')!;
  await admin('POST', '/users', {
    username: 'wangli',
    displayName: '王丽',
    role: 'query-clerk',
    orgId: linjiang.id,
    password: ADMIN_PASSWORD,
    mustChangePassword: false,
  });
  const desk = await startKiosk({
    ...env,
    LINLI_DATA_DIR: path.join(env.LINLI_DATA_DIR!, 'desk'),
    LINLI_SERVER_URL: linli.adminUrl,
    LINLI_ENROLLMENT_CODE: await enrollmentCode(admin, linjiang.id),
    LINLI_DEVICE_NAME: '临江社区查询电脑',
    LINLI_APP_PROFILE: 'desk',
  });
  try {
    await page.goto(`${desk.ready.url}/`);
    await page.getByLabel('用户名').fill('wangli');
    await shoot(page, 'desk-sign-in');
    await page.getByLabel('密码').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByLabel('暂离密码', { exact: true }).fill('2580');
    await page.getByLabel('再输入一次').fill('2580');
    await page.getByRole('button', { name: '保存并开始服务' }).click();
    await page.getByRole('button', { name: '咨询台账' }).click();
    for (const [topic, category, name] of [
      ['咨询城乡居民医保缴费档次', '医疗保险', '张小三'],
      ['询问居住证办理需要的材料', '居住证', ''],
    ] as const) {
      await page.getByLabel('咨询事项').fill(topic);
      await page.getByLabel('类别').selectOption({ label: category });
      if (name) await page.getByLabel('居民姓名（选填）').fill(name);
      await page.getByRole('button', { name: '记入台账' }).click();
      await page.getByText('已记入台账').waitFor();
    }
    await page.getByLabel('咨询事项').fill('反映楼道灯长时间不亮');
    await page.getByLabel('类别').selectOption({ label: '投诉建议' });
    await page.getByRole('radio', { name: '已转办' }).click();
    await page.getByLabel('转办至').fill('12345 市民热线');
    await shoot(page, 'desk-ledger');
    await page.getByRole('button', { name: '为居民办理' }).click();
    await page.locator('.tile').first().waitFor();
    await shoot(page, 'desk-services');
    await page.getByRole('button', { name: '暂离锁定' }).click();
    await page.getByLabel('暂离密码', { exact: true }).waitFor();
    await shoot(page, 'desk-locked');
  } finally {
    await desk.stop();
  }
}

async function screensOf(page: Page, prefix: string, elderMode: boolean, adminUrl: string): Promise<void> {
  if (!elderMode) await shoot(page, `${prefix}-attract`);
  await page.locator('.attract').click();
  await page.locator('.tile').first().waitFor();
  if (elderMode) await page.getByRole('button', { name: '长辈模式' }).click();
  await shoot(page, `${prefix}-home`);
  await billScreensOf(page, prefix, adminUrl, elderMode);
  await caseScreensOf(page, prefix);
  await queueScreensOf(page, prefix);
  await deviceScreensOf(page, prefix);
  await page.getByRole('searchbox').click();
  for (const letter of 'shebao') await page.locator('.osk').getByRole('button', { name: letter, exact: true }).click();
  await page.locator('.osk-candidates button').first().waitFor();
  await shoot(page, `${prefix}-keyboard`);
  await page.locator('.osk-candidates').getByRole('button', { name: '社保', exact: true }).click();
  await page.locator('.guide-row').first().waitFor();
  await shoot(page, `${prefix}-search`);
  await page
    .locator('.osk')
    .getByRole('button', { name: /收起键盘/ })
    .click();
  await page.getByRole('searchbox').fill('');
  await page.locator('.tile-minimum-living').click();
  await page.locator('.list-heading').waitFor();
  await shoot(page, `${prefix}-category`);
  await page.locator('.guide-row').first().click();
  await page.locator('.guide-page h1').waitFor();
  await shoot(page, `${prefix}-guide`);
  await page.getByRole('alertdialog').waitFor({ timeout: 60_000 });
  await shoot(page, `${prefix}-idle-warning`);
  await page.getByRole('button', { name: '结束办理' }).last().click();
  await page.locator('.attract').waitFor();
}

/** A portrait screen for a lobby: notices above, the clock and opening hours beside, a ticker below. */
function portraitPublication(orgId: number, noticeIds: string[]): SignageInput {
  const layout = presetLayout('main-side-ticker', 'portrait', 'lobby-portrait', '竖屏：公告、时钟与滚动字幕');
  const [main, side, ticker] = layout.zones;
  main!.playlist = noticeIds.map((noticeId, n) => ({ id: `notice-${n}`, kind: 'notice', noticeId, durationSec: 20 }));
  side!.playlist = [{ id: 'clock', kind: 'clock', show: 'date-time', durationSec: 30 }];
  ticker!.playlist = [
    {
      id: 'line',
      kind: 'ticker',
      text: '欢迎来到安和街道便民服务中心 · 办事请先取号 · 咨询电话 12345',
      durationSec: 60,
    },
  ];
  return {
    title: '大厅竖屏',
    targets: { orgIds: [orgId], groupIds: [] },
    schedule: { timeZone: 'Asia/Shanghai', layouts: [layout], entries: [], defaultLayoutId: 'lobby-portrait' },
  };
}

/** The demo notice board (1920×1080 and 3840×2160), a portrait publication, and the demo CAP alert on a player and a kiosk. */
async function signageScreens(
  newPage: (viewport: { width: number; height: number }) => Promise<Page>,
  linli: { adminUrl: string; playerUrl: string; kioskUrl: string },
): Promise<void> {
  mkdirSync(signageOutDir, { recursive: true });
  for (const [name, viewport] of [
    ['landscape-notice-board', viewports.landscape],
    ['landscape-4k-notice-board', { width: 3840, height: 2160 }],
  ] as const) {
    const page = await newPage(viewport);
    await page.goto(`${linli.playerUrl}/`);
    await page.locator('.layout[data-layout-id="hall"] .layer-notice').first().waitFor();
    await shoot(page, name, signageOutDir);
    await page.close();
  }

  // A portrait publication for the demo root, drafted by a street administrator, approved by admin.
  const admin = await apiAs(linli.adminUrl, 'admin', ADMIN_PASSWORD);
  const nodes = (await admin('GET', '/orgs')).json.nodes as { id: number; name: string; parentId: number | null }[];
  const root = nodes.find((node) => node.parentId === null)!;
  await admin('POST', '/users', {
    username: 'screens.editor',
    displayName: '信息发布编辑',
    role: 'system-admin',
    orgId: root.id,
    password: ADMIN_PASSWORD,
    mustChangePassword: false,
  });
  const editor = await apiAs(linli.adminUrl, 'screens.editor', ADMIN_PASSWORD);
  const notices = (await admin('GET', '/notices')).json.notices as { id: string }[];
  const draft = await editor(
    'POST',
    '/signage',
    portraitPublication(
      root.id,
      notices.map((notice) => notice.id),
    ),
  );
  const submitted = await editor('POST', `/signage/${draft.json.id as string}/submit`);
  await admin(
    'POST',
    `/signage/${draft.json.id as string}/review`,
    { approve: true },
    {
      'if-match': `"${submitted.json.version}"`,
    },
  );
  const portrait = await newPage(viewports.portrait);
  await portrait.goto(`${linli.playerUrl}/`);
  await portrait.locator('.layout[data-layout-id="lobby-portrait"] .layer-notice').first().waitFor();
  await shoot(portrait, 'portrait-notices-clock-ticker', signageOutDir);

  // The demo alert source posts the demo CAP alert: the player and the kiosk are taken over.
  const post = (file: string) => postDemoAlert(linli.adminUrl, file);
  const kiosk = await newPage(viewports.portrait);
  await kiosk.goto(`${linli.kioskUrl}/`);
  await kiosk.locator('.attract').waitFor();
  await post('cap-demo-alert.xml');
  await portrait.locator('.alert-screen').waitFor();
  await shoot(portrait, 'portrait-alert', signageOutDir);
  await kiosk.locator('.attract[data-alert]').waitFor();
  await shoot(kiosk, 'kiosk-attract-alert', signageOutDir);
  await post('cap-demo-cancel.xml');
  await portrait.locator('.alert-screen').waitFor({ state: 'detached' });
  await portrait.close();
  await kiosk.close();

  // The district hall's calling display (叫号屏) beside a clock, after a few calls.
  const hall = ((await admin('GET', '/queue/halls')).json.halls as { id: number; orgId: number }[]).find(
    (candidate) => candidate.orgId === root.id,
  )!;
  const layout = presetLayout('main-side', 'landscape', 'calls', '大厅叫号');
  layout.zones[0]!.playlist = [{ id: 'calls', kind: 'queue-calls', hallId: hall.id, durationSec: 60, announce: false }];
  layout.zones[1]!.playlist = [{ id: 'clock', kind: 'clock', show: 'date-time', durationSec: 60 }];
  const calls = await editor('POST', '/signage', {
    title: '大厅叫号屏',
    targets: { orgIds: [root.id], groupIds: [] },
    schedule: { timeZone: 'Asia/Shanghai', layouts: [layout], entries: [], defaultLayoutId: 'calls' },
  } satisfies SignageInput);
  const callsSubmitted = await editor('POST', `/signage/${calls.json.id as string}/submit`);
  await admin(
    'POST',
    `/signage/${calls.json.id as string}/review`,
    { approve: true },
    { 'if-match': `"${callsSubmitted.json.version}"` },
  );
  const taker = await enrolledDevice(linli.adminUrl, await enrollmentCode(admin, root.id), '叫号截图取号机', 'kiosk');
  for (const business of ['social-security', 'social-security', 'civil-affairs', 'household', 'general', 'general'])
    await taker.call('POST', '/api/v1/queue/tickets', { clientId: randomUUID(), business });
  const display = await newPage(viewports.landscape);
  await display.goto(`${linli.playerUrl}/`);
  await display.locator('.layout[data-layout-id="calls"] .queue-board[data-live="true"]').waitFor();
  // Each window done with whatever the admin screenshots left it serving, then calling the next.
  let lastSeq = 0;
  for (const window of [1, 3, 4])
    for (const action of ['finish', 'call-next']) {
      const reply = await admin('POST', `/queue/halls/${hall.id}/windows/${window}/actions`, { action });
      lastSeq = (reply.json?.state as { calls: { seq: number }[] } | undefined)?.calls[0]?.seq ?? lastSeq;
    }
  await display.locator(`.queue-newest[data-seq="${lastSeq}"]`).waitFor();
  // The newest call flashes as it comes: the picture is taken once it has settled.
  await display
    .locator('.queue-newest')
    .evaluate((box) => Promise.all(box.getAnimations({ subtree: true }).map((animation) => animation.finished)));
  await shoot(display, 'landscape-calling-display', signageOutDir);
  await display.close();
}

/**
 * 安和街道频道 (channel 8): a whole day of programmes, every day, of cards and the demo notices
 * (`notices` by title), so the guide is full whenever the screenshots are taken.
 */
function streetChannel(orgId: number, notices: Map<string, string>): TvChannelInput {
  const notice = (id: string, title: string): TvItem => ({
    id,
    kind: 'notice',
    noticeId: notices.get(title)!,
    durationSec: 30,
  });
  const insurance = notice('insurance', '关于2027年度城乡居民医保集中缴费的通知');
  const checkup = notice('checkup', '冬季老年人免费体检预约开始');
  const allowance = notice('allowance', '2026年第四季度低保金发放情况公示');
  const card = (text: string): TvItem => ({ id: 'card', kind: 'card', text, durationSec: 10 });
  const daily = (
    id: string,
    start: string,
    durationMin: number,
    title: string,
    category: string,
    description: string,
    items: TvItem[],
  ): TvProgramme => ({ id, title, category, description, start, durationMin, repeat: { every: 'day' }, items });
  return {
    number: 8,
    name: '安和街道频道',
    group: '街道',
    public: true,
    timeZone: 'Asia/Shanghai',
    programmes: [
      daily('night', '00:00', 360, '夜间资讯轮播', '资讯', '通知公告循环播出', [
        card('安和街道频道 · 夜间资讯轮播'),
        insurance,
        checkup,
        allowance,
      ]),
      daily('morning', '06:00', 120, '早安安和', '新闻', '天气、出行与本周通知公告', [
        card('早上好！这里是安和街道频道'),
        insurance,
        checkup,
      ]),
      daily('service', '08:00', 150, '街道办事通', '政务', '便民服务中心办事提醒：带什么材料、到哪个窗口', [
        card('街道办事通 · 便民服务中心工作日 8:30–17:30'),
        allowance,
        insurance,
      ]),
      daily('health', '10:30', 90, '健康大讲堂', '健康', '社区卫生服务中心医生讲冬季老年人保健', [
        card('健康大讲堂 · 冬季老年人保健小常识'),
        checkup,
      ]),
      daily('noon', '12:00', 120, '午间新闻', '新闻', '街道和各社区当天的新闻与通知', [
        card('午间新闻'),
        insurance,
        allowance,
      ]),
      daily('culture', '14:00', 150, '文化生活', '生活', '社区文化站活动预告与居民书画作品展示', [
        card('文化生活 · 本周六社区书画展在文化站开展'),
        checkup,
      ]),
      daily('safety', '16:30', 90, '平安安和', '安全', '冬季用电、用气和消防安全提醒', [
        card('平安安和 · 人走断电，用完关阀'),
        insurance,
      ]),
      daily('news', '18:00', 90, '安和新闻', '新闻', '一天的街道新闻、通知公告与办事提醒', [
        card('安和新闻'),
        insurance,
        checkup,
        allowance,
      ]),
      daily('council', '19:30', 120, '居民议事厅', '政务', '本期议题：老旧小区加装电梯意见征集', [
        card('居民议事厅 · 老旧小区加装电梯意见征集'),
        allowance,
      ]),
      daily('late', '21:30', 150, '晚间回顾', '新闻', '当天节目精选重播', [card('晚间回顾'), checkup, insurance]),
    ],
    filler: [{ id: 'ident', kind: 'card', text: '安和街道频道', durationSec: 15 }],
    targets: { orgIds: [orgId], groupIds: [] },
  };
}

/**
 * Community TV: a street administrator's 安和街道频道 (channel 8) beside the demo 社区频道, approved
 * by admin; a set-top box (a player in its TV profile, 1280×720) at 临江社区 with the info banner
 * on channel 1 and the programme guide open; then the admin UI's 电视频道 list with both streams
 * running, and channel 8 in the editor, a programme picked on the timeline.
 */
async function tvScreens(
  newPage: (viewport: { width: number; height: number }) => Promise<Page>,
  adminUrl: string,
  boxEnv: NodeJS.ProcessEnv,
): Promise<void> {
  mkdirSync(tvOutDir, { recursive: true });
  const admin = await apiAs(adminUrl, 'admin', ADMIN_PASSWORD);
  const nodes = await nodesByName(admin);
  const [anhe, linjiang] = [nodes.get('安和街道')!, nodes.get('临江社区')!];
  await createUser(admin, {
    username: 'anhe.tv',
    displayName: '安和街道宣传员',
    role: 'street-admin',
    orgId: anhe.id,
    password: ADMIN_PASSWORD,
  });
  const street = await apiAs(adminUrl, 'anhe.tv', ADMIN_PASSWORD);
  const notices = (await admin('GET', '/notices')).json.notices as NoticeView[];
  const noticeIds = new Map(notices.filter((each) => each.liveVersion !== null).map((each) => [each.title, each.id]));
  const published = await publishSignage(street, admin, streetChannel(anhe.id, noticeIds), 'tv-channels');
  const approved = await published.approve();
  if (approved.status !== 200) throw new Error(`approving channel 8: ${JSON.stringify(approved.json)}`);
  const channels = (await admin('GET', '/tv-channels')).json.channels as { id: string; number: number }[];
  const demo = channels.find((channel) => channel.number === 1)!;

  const box = await startPlayer({
    ...boxEnv,
    LINLI_SERVER_URL: adminUrl,
    LINLI_ENROLLMENT_CODE: await enrollmentCode(admin, linjiang.id),
    LINLI_DEVICE_NAME: '临江社区机顶盒',
    LINLI_PLAYER_PROFILE: 'tv',
  });
  try {
    const screen = await newPage({ width: 1280, height: 720 });
    await screen.goto(`${box.ready.url}/`);
    await screen.locator('[data-state="watching"][data-lineup~="1"][data-lineup~="8"]').waitFor({ timeout: 60_000 });
    // Channel 1 by the remote's digits, then OK for now and next.
    await screen.keyboard.press('1');
    await screen.keyboard.press('Enter');
    await screen.locator(`[data-item-start][data-channel="${demo.id}"]`).waitFor();
    await screen.keyboard.press('Enter');
    await screen.locator(`.tv-banner[data-channel="${demo.id}"] .tv-banner-now`).waitFor();
    await shoot(screen, 'tv-banner', tvOutDir);
    // The guide (the remote's green key, HbbTV's 404), the focus moved down to channel 8 and on to its next programme.
    await screen.keyboard.press('Escape');
    await screen.locator('.tv-banner').waitFor({ state: 'detached' });
    await screen.evaluate(() =>
      document.body.dispatchEvent(
        new KeyboardEvent('keydown', { keyCode: 404, bubbles: true, cancelable: true } as KeyboardEventInit),
      ),
    );
    const guide = screen.locator('.tv-guide');
    await guide.waitFor();
    await screen.keyboard.press('ArrowDown');
    await screen.locator(`.tv-guide[data-focus-channel="${published.id}"]`).waitFor();
    await screen.keyboard.press('ArrowRight');
    await screen.waitForFunction((channelId) => {
      const focus = document.querySelector<HTMLElement>('.tv-guide')?.dataset;
      return (
        focus?.focusChannel === channelId &&
        focus.focusTitle !== '' &&
        !!document.querySelector('.tv-guide-cell.focused:not(.on-air)')
      );
    }, published.id);
    await shoot(screen, 'tv-guide', tvOutDir);
    await screen.close();
  } finally {
    await box.stop();
  }

  // 电视频道 in the admin UI: both channels streaming, then channel 8 in the editor.
  const page = await newPage({ width: 1440, height: 900 });
  await page.goto(`${adminUrl}/admin/`);
  await page.locator('input[name=username]').fill('admin');
  await page.locator('input[name=password]').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('navigation', { name: '主菜单' }).getByRole('button', { name: '电视频道' }).click();
  for (const id of [demo.id, published.id])
    await page.locator(`tr[data-channel-id="${id}"] [data-stream-state="running"]`).waitFor({ timeout: 90_000 });
  await shoot(page, 'admin-tv-channels', adminOutDir);
  await page
    .locator(`tr[data-channel-id="${published.id}"]`)
    .getByRole('button', { name: '编辑', exact: true })
    .click();
  const block = page.locator('.tv-block[data-programme="council"]');
  await block.scrollIntoViewIfNeeded();
  await block.click();
  await page.locator('.tv-programme[data-programme-form="council"]').waitFor();
  // The page scrolled to the timeline, a little of the channel's fields left above it.
  await page.locator('.tv-programmes').evaluate((section) => {
    section.scrollIntoView({ block: 'start' });
    window.scrollBy(0, -48);
  });
  await shoot(page, 'admin-tv-editor', adminOutDir);
  await page.locator('form.tv-editor').getByRole('button', { name: '取消' }).click();
  await page.close();
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'linli-screenshots-'));
mkdirSync(outDir, { recursive: true });
const a4 = await addCupsPdfQueue('LinliScreenshots');
const devices = await startDemoPeripherals(dataDir, { a4: { queue: a4.queue, server: a4.server } });
const system = await startLinli({
  env: {
    ...process.env,
    LINLI_DATA_DIR: dataDir,
    LINLI_ADMIN_PORT: '0',
    LINLI_KIOSK_PORT: '0',
    LINLI_PLAYER_PORT: '0',
    LINLI_LOG_LEVEL: 'warn',
    LINLI_IDLE_SEC: '10',
    LINLI_IDLE_WARNING_SEC: '5',
    LINLI_DEVICES_FILE: devices.file,
    LINLI_DEVICE_CHECK_SEC: '2',
    LINLI_ADMIN_PASSWORD: ADMIN_PASSWORD,
    // The documented example reads its client secret from here (${env:SUNSHINE_WATER_CLIENT_SECRET}).
    SUNSHINE_WATER_CLIENT_SECRET: 'screenshots-only',
  },
});
const browser = await chromium.launch({
  executablePath: process.env.LINLI_CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
try {
  if (runs('admin'))
    await adminScreens(await browser.newPage({ viewport: { width: 1440, height: 900 } }), system.adminUrl);
  if (runs('signage')) await signageScreens((viewport) => browser.newPage({ viewport }), system);
  if (runs('tv')) {
    // The admin screens leave the demo alert (Severe) in force, which would have the box's whole
    // screen; the signage screens cancel it, and so does this when they did not run.
    if (runs('admin') && !runs('signage')) await postDemoAlert(system.adminUrl, 'cap-demo-cancel.xml');
    await tvScreens((viewport) => browser.newPage({ viewport }), system.adminUrl, {
      ...process.env,
      LINLI_DATA_DIR: path.join(dataDir, 'tv-box'),
      LINLI_PLAYER_PORT: '0',
      LINLI_LOG_LEVEL: 'warn',
    });
  }
  if (runs('desk'))
    await deskScreens(await browser.newPage({ viewport: viewports.landscape }), system, {
      ...process.env,
      LINLI_DATA_DIR: dataDir,
      LINLI_KIOSK_PORT: '0',
      LINLI_LOG_LEVEL: 'warn',
    });
  for (const [orientation, viewport] of Object.entries(runs('kiosk') ? viewports : {})) {
    const page = await browser.newPage({ viewport });
    await page.goto(`${system.kioskUrl}/`);
    await page.locator('.attract').waitFor();
    for (const elderMode of [false, true])
      await screensOf(page, `${orientation}-${elderMode ? 'elder' : 'normal'}`, elderMode, system.adminUrl);
    await page.close();
  }
  console.log(`Screenshots in ${adminOutDir} (the kiosk's in kiosk/)`);
} finally {
  await browser.close();
  await system.stop();
  await devices.stop();
  await a4.remove();
  rmSync(dataDir, { recursive: true, force: true });
}
