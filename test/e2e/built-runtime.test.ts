/**
 * What a street office deploys (`npm run build`): the admin server, a kiosk with its device worker
 * and a signage player run as bundles under plain Node — no tsx and no esbuild anywhere in their
 * process trees — serve the screens built beforehand, and work: a resident finds a guide, the
 * device worker reads and prints, staff sign in and download a PDF, the screen plays its board.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildRuntime } from '../../build/scripts/build-runtime';
import { DEMO_MAINTENANCE_PIN, startDemoPeripherals } from '../../build/scripts/demo-peripherals';
import { startLinli } from '../../build/scripts/processes';
import { ADMIN_SERVER, KIOSK, PERIPHERAL_WORKER, PLAYER } from '../../build/scripts/runtime-entries';
import { signInOn } from './admin-sign-in';
import { launchChromium } from './browser';
import { searchFor, startVisit } from './kiosk-fixture';

const root = path.resolve(import.meta.dirname, '../..');
const PASSWORD = 'runtime-password-123';

/** The command lines of a process and everything it started, the process's own first. */
function treeCommands(pid: number): string[] {
  const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
  return [command, ...children.flatMap((child) => treeCommands(Number(child)))];
}

/** Resolves once `check` holds (checked every 100 ms), or fails with `what` after `ms`. */
async function until(check: () => boolean, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test(
  'the built runtime: bundles under plain Node, no tsx or esbuild, serving their prebuilt screens',
  {
    timeout: 240_000,
  },
  async (t) => {
    // Beside the packages (.cache/ is ignored by git), as dist/ is: the bundles import npm packages
    // from the repository's node_modules and read the files that ship beside the code.
    mkdirSync(path.join(root, '.cache'), { recursive: true });
    const runtimeDir = mkdtempSync(path.join(root, '.cache', 'runtime-'));
    t.after(() => rmSync(runtimeDir, { recursive: true, force: true }));
    await buildRuntime(runtimeDir);

    const dataDir = mkdtempSync(path.join(tmpdir(), 'linli-runtime-e2e-'));
    t.after(() => rmSync(dataDir, { recursive: true, force: true }));
    const peripherals = await startDemoPeripherals(dataDir, { a4: 'simulated' });
    t.after(() => peripherals.stop());
    // The test run's own prebuilt screens are left out: the bundles must find the ones built with them.
    const { LINLI_ADMIN_UI_DIR, LINLI_RENDERER_DIR, LINLI_PLAYER_PAGE_DIR, ...runEnv } = process.env;
    void [LINLI_ADMIN_UI_DIR, LINLI_RENDERER_DIR, LINLI_PLAYER_PAGE_DIR];
    const system = await startLinli({
      env: {
        ...runEnv,
        LINLI_RUNTIME_DIR: runtimeDir,
        LINLI_DATA_DIR: dataDir,
        LINLI_LOG_LEVEL: 'warn',
        LINLI_ADMIN_PASSWORD: PASSWORD,
        LINLI_ADMIN_PORT: '0',
        LINLI_KIOSK_PORT: '0',
        LINLI_PLAYER_PORT: '0',
        LINLI_DEVICES_FILE: peripherals.file,
      },
    });
    t.after(() => system.stop());

    await t.test('each process is its bundle under Node; the kiosk runs its device worker the same way', async () => {
      await until(
        () => treeCommands(system.kiosk.child.pid!).some((command) => command.endsWith(PERIPHERAL_WORKER.bundle)),
        'the device worker',
      );
      for (const [entry, part] of [
        [ADMIN_SERVER, system.admin],
        [KIOSK, system.kiosk],
        [PLAYER, system.player],
      ] as const) {
        const commands = treeCommands(part.child.pid!);
        assert.equal(commands[0], `${process.execPath} ${path.join(runtimeDir, entry.bundle)}`);
        assert.deepEqual(
          commands.filter((command) => /tsx|esbuild/.test(command)),
          [],
          `${entry.bundle}: ${commands.join(' | ')}`,
        );
      }
    });

    const browser = await launchChromium();
    t.after(() => browser.close());

    await t.test('a resident finds guides on the kiosk, in Simplified and Traditional characters', async () => {
      const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
      await page.goto(`${system.kioskUrl}/`);
      await startVisit(page);
      assert.equal((await searchFor(page, '低保'))[0], '最低生活保障申请');
      const community = await searchFor(page, '社區');
      assert.ok(community[0]?.includes('社区'), `社區 → ${community}`);
    });

    await t.test('the device worker drives the peripherals: the card reader answers, both printers print', async () => {
      const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
      await page.clock.install();
      await page.goto(`${system.kioskUrl}/`);
      await startVisit(page);
      const title = (await page.locator('.app-title').boundingBox())!;
      await page.mouse.move(title.x + 10, title.y + 10);
      await page.mouse.down();
      await page.clock.fastForward(3000);
      await page.mouse.up();
      for (const digit of DEMO_MAINTENANCE_PIN)
        await page.locator('.pin-keys').getByRole('button', { name: digit, exact: true }).click();
      await page.getByRole('button', { name: '进入' }).click();
      await page.locator('.peripheral-row', { hasText: '身份证读卡器' }).getByText('正常', { exact: true }).waitFor();
      // The receipt on the simulated printer (ESC/POS over TCP), the A4 page as a PDF with its
      // Chinese fonts (pdf-lib and fontkit, bundled).
      let receipt = '';
      peripherals.onPrinted((text) => (receipt = text));
      for (const [name, printed] of [
        ['凭条打印机', () => /打印测试/.test(receipt)],
        ['A4 打印机', () => readdirSync(peripherals.printedForms!).some((file) => file.endsWith('.pdf'))],
      ] as const) {
        const row = page.locator('.peripheral-row', { hasText: name });
        await row.getByText('正常', { exact: true }).waitFor();
        await row.getByRole('button', { name: '测试打印' }).click();
        await row.getByText('测试页已打印').waitFor();
        await until(printed, `${name}'s test page`);
      }
    });

    await t.test("staff sign in; a street's monthly report comes as a PDF; the screen plays its board", async () => {
      const admin = await browser.newPage();
      await signInOn(admin, system.adminUrl, 'admin', PASSWORD);
      // The PDF writer (ECharts, pdf-lib, fontkit) is loaded on the first PDF, from the bundle.
      const month = new Date().toISOString().slice(0, 7);
      const pdf = await admin.request.get(`${system.adminUrl}/api/v1/admin/reports/monthly?month=${month}&format=pdf`);
      assert.equal(pdf.status(), 200, await pdf.text());
      assert.equal(pdf.headers()['content-type'], 'application/pdf');
      assert.equal((await pdf.body()).subarray(0, 5).toString('latin1'), '%PDF-');
      const screen = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
      await screen.goto(`${system.playerUrl}/`);
      await screen.locator('.layout[data-layout-id="hall"]').waitFor({ timeout: 20_000 });
    });
  },
);
