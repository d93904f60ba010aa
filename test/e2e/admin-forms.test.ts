/**
 * A printable form managed on the admin server: the administrator uploads its PDF with a progress
 * bar, picks its field definition and publishes it in 打印表格; the kiosk downloads the PDF,
 * verifies it and offers the new version in its own 打印表格 screen.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openKiosk, startVisit } from './kiosk-fixture';

const PASSWORD = 'Admin2026forms';
const FORMS_DIR = path.resolve(import.meta.dirname, '../../device-drivers/forms');
const NEW_TITLE = '居住证明申请表（2026版）';

test('a form published in the admin UI reaches the kiosk with its PDF', { timeout: 120_000 }, async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'linli-admin-forms-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  // 打印表格 is offered on kiosks with an A4 printer; this test prints nothing, so no queue is needed.
  const devicesFile = path.join(dir, 'devices.json');
  writeFileSync(
    devicesFile,
    JSON.stringify({ peripherals: [{ id: 'a4', driver: 'system-printer', printer: 'LinliNoQueue' }] }),
  );
  const {
    page: kiosk,
    browser,
    adminUrl,
  } = await openKiosk(t, {
    adminEnv: { LINLI_ADMIN_PASSWORD: PASSWORD },
    kioskEnv: { LINLI_DEVICES_FILE: devicesFile },
  });
  const definitionFile = path.join(dir, 'residence-certificate.form.json');
  const definition = JSON.parse(readFileSync(path.join(FORMS_DIR, 'residence-certificate.form.json'), 'utf8'));
  writeFileSync(definitionFile, JSON.stringify({ ...definition, title: NEW_TITLE }));

  const admin = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await admin.goto(`${adminUrl}/admin/`);
  await admin.locator('input[name=username]').fill('admin');
  await admin.locator('input[name=password]').fill(PASSWORD);
  await admin.getByRole('button', { name: '登录' }).click();
  await admin.getByRole('button', { name: '打印表格' }).click();
  await admin.getByRole('button', { name: '新建表格' }).click();
  await admin.locator('select[name=category]').selectOption('household');
  await admin.locator('input[name=definition]').setInputFiles(definitionFile);
  await admin.getByText(`「${NEW_TITLE}」（residence-certificate），${definition.fields.length} 个字段`).waitFor();
  await admin.locator('input[type=file][accept*=pdf]').setInputFiles(path.join(FORMS_DIR, 'residence-certificate.pdf'));
  await admin.waitForFunction(
    () => (document.querySelector('select[name=template]') as HTMLSelectElement | null)?.value !== '',
  );
  assert.equal(await admin.locator('select[name=template] option:checked').textContent(), 'residence-certificate.pdf');
  await admin.getByRole('button', { name: '保存并发布' }).click();
  await admin.getByRole('status').filter({ hasText: '已保存' }).waitFor();
  await admin.locator('tr[data-form-id="residence-certificate"]').getByText('已发布').waitFor();

  await startVisit(kiosk);
  await kiosk.getByRole('button', { name: /打印表格/ }).click();
  // The kiosk offers the new version once its PDF is downloaded and verified; the open screen updates.
  await kiosk
    .getByRole('button', { name: new RegExp(NEW_TITLE.replace(/[()（）]/g, '.')) })
    .waitFor({ timeout: 30_000 });
  assert.equal(
    await kiosk.getByRole('button', { name: /^居住证明申请表$/ }).count(),
    0,
    'the sent version replaces the installed one',
  );
});
