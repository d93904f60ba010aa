/**
 * 诉求办理 in the admin UI, against a real admin server and Chromium: a community operator writes up
 * a phone complaint with a mistyped caller number, is told so under that field, fixes it and is
 * given the tracking number and the residents' status page; accepts the case (green light: dispatch
 * within a day) and dispatches it to a grid worker (yellow: sign for it by the next working day).
 * The grid worker, signed in beside them, is reminded of it (提醒 1), opens it from the reminder,
 * signs for it and replies. The
 * street supervises it while the operator's page still shows the version before, so the operator's
 * review is refused as changed, the case reloaded and the operator told; reviewed again and 满意 at
 * the follow-up call, it is 已办结, its timeline shows every step in words and Beijing time, and
 * 显示联系方式 reads the full number (that read is on the audit trail).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { AuditPage, CaseList } from '@linli/protocol';
import { createUser, nodesByName } from '../../build/scripts/admin-api';
import { signInToAdmin } from './admin-sign-in';
import { seriousViolations } from './axe';
import { openAdminServer } from './admin-fixture';
import { launchChromium } from './browser';

const ADMIN_PASSWORD = 'Admin2026cases';
const STAFF_PASSWORD = 'Staff2026cases';
const BEIJING_MINUTE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/;

async function openCasesPage(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: '主菜单' }).getByRole('button', { name: '诉求办理' }).click();
}

test(
  'a phone complaint is written up, dispatched, handled, reviewed and closed in the admin UI',
  { timeout: 120_000 },
  async (t) => {
    const { url, api: system } = await openAdminServer(t, ADMIN_PASSWORD);

    // The demo tree's 临江社区, a grid under it, its operator and the grid's worker.
    const linjiang = (await nodesByName(system)).get('临江社区')!;
    const grid = await system('POST', '/orgs', {
      parentId: linjiang.id,
      name: '临江第九网格',
      code: '330188001001009',
    });
    assert.equal(grid.status, 201, JSON.stringify(grid.json));
    const gridId = grid.json.id as number;
    for (const [username, displayName, role, orgId] of [
      ['lj.operator', '赵敏', 'community-operator', linjiang.id],
      ['grid.wang', '王力', 'query-clerk', gridId],
    ] as const)
      await createUser(system, { username, displayName, role, orgId, password: STAFF_PASSWORD });

    const browser = await launchChromium();
    t.after(() => browser.close());
    const operator = await signInToAdmin(browser, url, 'lj.operator', STAFF_PASSWORD);
    await openCasesPage(operator);
    await operator.getByText('没有符合条件的诉求').waitFor();

    // A call written up with the caller's number mistyped: said under that field, nothing else marked.
    await operator.getByRole('button', { name: '登记诉求' }).click();
    const form = operator.getByRole('form', { name: '登记诉求' });
    await form.getByLabel('来电', { exact: true }).check();
    const callerNumber = form.getByLabel('来电号码');
    await callerNumber.fill('1381234');
    await form.getByLabel('通话时长（秒）').fill('185');
    await form.getByLabel('录音编号（可选）').fill('rec-0930-0001');
    await form.getByLabel('诉求类型').selectOption({ label: '投诉' });
    await form.locator('select[name=category]').selectOption('sanitation/garbage');
    await form.getByLabel('诉求内容').fill('3号楼北侧垃圾桶三天没有清运，气味很大');
    await form.getByLabel(/^地点/).fill('临江小区3号楼北侧');
    await form.getByLabel('联系人姓名').fill('张小三');
    await form.getByLabel('联系电话').fill('13812345678');
    const register = form.getByRole('button', { name: '登记', exact: true });
    await register.click();
    const callerProblem = form.locator('#case-intake-problem-call-callerNumber');
    await callerProblem.waitFor();
    assert.equal(await callerProblem.innerText(), '格式不正确');
    assert.equal(await callerNumber.getAttribute('aria-invalid'), 'true');
    assert.equal(await form.locator('[aria-invalid=true]').count(), 1, 'only the caller number is marked');
    assert.equal(await form.getByRole('alert').count(), 0, 'no summary: the field says it');
    assert.deepEqual(await seriousViolations(operator, false), [], 'the form with its mistake');

    // Fixed: registered, the tracking number and the residents' status page handed on.
    await callerNumber.fill('13812345678');
    await register.click();
    const receipt = operator.locator('.case-receipt');
    await receipt.waitFor();
    const tracking = /受理编号 (\d{12})/.exec(await receipt.innerText())?.[1];
    assert.ok(tracking, await receipt.innerText());
    assert.match(
      (await receipt.getByRole('link', { name: '居民查询页面' }).getAttribute('href')) ?? '',
      new RegExp(`^/case-status\\?no=${tracking}&v=[A-Za-z0-9_-]{10}$`),
    );
    const row = operator.locator(`tr[data-tracking="${tracking}"]`);
    assert.match(
      await row.innerText(),
      /投诉[\s\S]*市容环卫 \/ 垃圾清运[\s\S]*3号楼北侧垃圾桶[\s\S]*临江社区[\s\S]*已登记[\s\S]*绿灯 · 派单期限 \d{4}-\d{2}-\d{2} \d{2}:\d{2}[\s\S]*张\*三 138\*\*\*\*5678/,
    );

    // Accepted and dispatched to the grid's worker: the light turns to signing for it.
    await receipt.getByRole('button', { name: '查看该诉求' }).click();
    const detail = operator.getByRole('region', { name: `诉求 ${tracking}` });
    const state = (name: string) => detail.locator(`strong[data-state=${name}]`).waitFor();
    await state('registered');
    assert.match(
      await detail.locator('.case-facts').first().innerText(),
      /来电[\s\S]*通话 185 秒，录音编号 rec-0930-0001/,
    );
    await detail.getByRole('button', { name: '受理', exact: true }).click();
    await state('accepted');
    await detail.getByText(/^绿灯 · 派单期限/).waitFor();
    await detail.getByRole('button', { name: '派单', exact: true }).click();
    const dispatch = detail.getByRole('form', { name: '派单' });
    await dispatch.getByLabel('承办单位').selectOption(String(gridId));
    await dispatch.getByLabel('承办人用户名（可选）').fill('grid.wang');
    await dispatch.getByRole('button', { name: '确认派单' }).click();
    await state('dispatched');
    await detail.getByText(/^黄灯 · 签收期限 \d{4}-\d{2}-\d{2}$/).waitFor();
    await detail.getByText('临江第九网格（承办人 grid.wang）').waitFor();

    // The grid worker, in a browser of their own: theirs, signed for and replied to.
    const handler = await signInToAdmin(browser, url, 'grid.wang', STAFF_PASSWORD);
    // Reminded at once: the case must be signed for by the next working day.
    await handler.getByRole('button', { name: '提醒 1' }).click();
    const reminder = handler.getByRole('region', { name: '时限提醒' }).getByRole('button', {
      name: new RegExp(`^临近签收期限 \\d{4}-\\d{2}-\\d{2} · 投诉 · ${tracking}$`),
    });
    await reminder.click();
    const handling = handler.getByRole('region', { name: `诉求 ${tracking}` });
    await handling.getByRole('button', { name: '签收', exact: true }).click();
    await handling.locator('strong[data-state=handling]').waitFor();
    await handling.getByRole('button', { name: '答复', exact: true }).click();
    const reply = handling.getByRole('form', { name: '答复' });
    await reply.getByLabel('答复内容').fill('已联系环卫所清运，并增加清运频次');
    await reply.getByRole('button', { name: '确认答复' }).click();
    await handling.locator('strong[data-state=replied]').waitFor();
    // Read, and no longer due once signed for: the count is gone.
    await handler.getByRole('button', { name: '提醒', exact: true }).waitFor();
    await handler.close();

    // The operator's page still shows it dispatched; reloaded, it is theirs to review.
    await detail.getByRole('button', { name: '刷新' }).click();
    await state('replied');
    // Meanwhile the street's supervisor urges it: the operator's review was made on the version before.
    const [listed] = ((await system('GET', `/cases?q=${tracking}`)).json as unknown as CaseList).cases;
    const supervised = await system('POST', `/cases/${listed!.id}/actions`, {
      action: 'supervise',
      version: listed!.version,
      note: '请尽快完成回访',
    });
    assert.equal(supervised.status, 200, JSON.stringify(supervised.json));
    await detail.getByRole('button', { name: '审核', exact: true }).click();
    await detail.getByRole('form', { name: '审核' }).getByRole('button', { name: '通过' }).click();
    await detail.getByRole('alert').filter({ hasText: '这件诉求刚被他人更新，已重新载入最新内容' }).waitFor();
    await detail.locator('tr[data-step=supervise]').waitFor();
    await state('replied');

    // Reviewed on the version now shown, and 满意 at the follow-up call: closed.
    await detail.getByRole('button', { name: '审核', exact: true }).click();
    await detail.getByRole('form', { name: '审核' }).getByRole('button', { name: '通过' }).click();
    await state('reviewed');
    await detail.getByRole('status').filter({ hasText: '审核已完成，诉求现为「已审核」' }).waitFor();
    await detail.getByRole('button', { name: '回访', exact: true }).click();
    const visit = detail.getByRole('form', { name: '回访' });
    await visit.getByLabel('满意', { exact: true }).check();
    await visit.getByRole('button', { name: '确认回访' }).click();
    await state('closed');
    assert.match(await detail.locator('.case-facts').first().innerText(), /回访结果\s+满意/);

    // The timeline: every step, who took it and when (Beijing time), in words.
    const steps = detail.locator('table.case-steps tbody tr');
    assert.deepEqual(await steps.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-step'))), [
      'register',
      'accept',
      'dispatch',
      'sign',
      'reply',
      'supervise',
      'review',
      'visit',
    ]);
    const cells = await steps.evaluateAll((rows) =>
      rows.map((r) => [...r.querySelectorAll('td')].map((cell) => (cell as HTMLElement).innerText.trim())),
    );
    for (const [when] of cells) assert.match(when!, BEIJING_MINUTE);
    assert.deepEqual(cells[2]!.slice(1), ['lj.operator', '派单', '已受理 → 已派单', '']);
    assert.deepEqual(cells[4]!.slice(1), ['grid.wang', '答复', '办理中 → 已答复', '已联系环卫所清运，并增加清运频次']);
    assert.deepEqual(cells[5]!.slice(1), ['admin', '督办', '已答复 → 已答复', '请尽快完成回访']);
    assert.deepEqual(cells[7]!.slice(2, 4), ['回访', '已审核 → 已办结']);

    // The contact: masked until asked for; the full read is on the audit trail.
    assert.equal(await detail.getByText('13812345678').count(), 0);
    await detail.getByText('张*三 138****5678').waitFor();
    await detail.getByRole('button', { name: '显示联系方式' }).click();
    await detail.getByText('13812345678').first().waitFor();
    assert.match(
      await detail.locator('.case-facts .case-facts').innerText(),
      /联系人姓名\s+张小三\s+联系电话\s+13812345678/,
    );
    const trail = (await system('GET', '/audit?action=case.contact-view')).json as unknown as AuditPage;
    assert.deepEqual(
      trail.entries.map((entry) => [entry.actor, entry.targetType, entry.targetId]),
      [['lj.operator', 'case', String(listed!.id)]],
    );
    assert.deepEqual(await seriousViolations(operator, false), [], 'the closed case with its timeline');
  },
);
