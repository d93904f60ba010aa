/**
 * axe-core over every kiosk screen in normal and elder mode: no serious or critical violations.
 * Elder mode also runs the enhanced-contrast rule (7:1).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { openKiosk, searchFor, startVisit } from './kiosk-fixture';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }

async function seriousViolations(page: Page, elderMode: boolean): Promise<string[]> {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async (enhanced) => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run(document, { rules: { 'color-contrast-enhanced': { enabled: enhanced } } });
    return result.violations;
  }, elderMode);
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.help}): ${violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join(', ')}`);
}

test('every kiosk screen passes axe-core in normal and elder mode', { timeout: 180_000 }, async (t) => {
  const { page } = await openKiosk(t, { kioskEnv: { LINLI_IDLE_SEC: '10', LINLI_IDLE_WARNING_SEC: '5' } });
  for (const elderMode of [false, true]) {
    const mode = elderMode ? 'elder' : 'normal';
    const check = async (screen: string) => assert.deepEqual(await seriousViolations(page, elderMode), [], `${screen} (${mode})`);
    if (!elderMode) await check('attract screen');
    await startVisit(page);
    if (elderMode) await page.getByRole('button', { name: '长辈模式' }).click();
    await check('home');
    await searchFor(page, '社保');
    await check('search results');
    await page.getByRole('searchbox').click();
    await page.locator('.osk').getByRole('button', { name: 's', exact: true }).click();
    await page.locator('.osk-candidates button').first().waitFor();
    await check('on-screen keyboard with candidates');
    await page.locator('.osk').getByRole('button', { name: /收起键盘/ }).click();
    await searchFor(page, 'qqxxzz');
    await check('no results');
    await page.getByRole('searchbox').fill('');
    await page.locator('.tile').first().click();
    await page.locator('.list-heading').waitFor();
    await check('category list');
    await page.locator('.guide-row').first().click();
    await page.locator('.guide-page h1').waitFor();
    await check('guide page');
    await page.getByRole('button', { name: '繁體' }).click();
    await page.getByRole('heading', { name: '申請材料' }).waitFor();
    await check('guide page in Traditional');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Documents to bring' }).waitFor();
    await check('guide page in English');
    await page.getByRole('button', { name: '简体' }).click();
    await page.getByRole('alertdialog').waitFor({ timeout: elderMode ? 30_000 : 15_000 });
    await check('idle warning');
    await page.getByRole('button', { name: '结束办理' }).last().click();
    await page.locator('.attract').waitFor();
  }
});
