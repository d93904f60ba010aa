/**
 * Proof of play survives crashes of the player host: a screen plays 1-second items while its host
 * is killed with SIGKILL 20 times at the moment the page reports plays (alternately while a report
 * is on its way and just after one was answered) and started again on the same data. Every play
 * the page sent reaches the admin server (or still waits in the page), none twice: no two plays
 * of one zone overlap in time. 使用统计 counts those plays, never more.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { freePort } from './free-port';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { PLAYER_HTTP, presetLayout, type PlayRecord, type SignageInput } from '@linli/protocol';
import { startAdminServer, startPlayer, type LinliProcess } from '../../build/scripts/processes';
import { apiAs, createUser, enrollmentCode, nodesByName, publishSignage } from '../../build/scripts/admin-api';
import { launchChromium } from './browser';

const ADMIN_PASSWORD = 'Admin2026plays';
const PASSWORD = 'Anhe-street-2026';
const KILLS = 20;

/** Items of one second in two zones: plays end, and are reported, twice a second or so. */
function quickPublication(orgId: number): SignageInput {
  const layout = presetLayout('main-side', 'landscape', 'quick', '快速轮播');
  const [main, side] = layout.zones;
  main!.playlist = ['一', '二', '三'].map((text, n) => ({ id: `text-${n}`, kind: 'text', text, durationSec: 1 }));
  side!.playlist = [
    { id: 'clock', kind: 'clock', show: 'time', durationSec: 1 },
    { id: 'date', kind: 'clock', show: 'date', durationSec: 1 },
  ];
  return {
    title: '快速轮播',
    targets: { orgIds: [orgId], groupIds: [] },
    schedule: { timeZone: 'Asia/Shanghai', layouts: [layout], entries: [], defaultLayoutId: 'quick' },
  };
}

test(`proof of play: 20 kills of the player host lose no play and double none`, { timeout: 300_000 }, async (t) => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'linli-plays-e2e-'));
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  const env = { ...process.env, LINLI_LOG_LEVEL: 'warn', LINLI_PULL_INTERVAL_SEC: '300' };
  const adminDir = path.join(dataDir, 'admin');
  const admin = await startAdminServer({
    ...env,
    LINLI_DATA_DIR: adminDir,
    LINLI_ADMIN_PORT: '0',
    LINLI_ADMIN_PASSWORD: ADMIN_PASSWORD,
  });
  t.after(() => admin.stop());
  const url = admin.ready.url!;
  const system = await apiAs(url, 'admin', ADMIN_PASSWORD);
  const nodes = await nodesByName(system);
  const [anhe, linjiang] = [nodes.get('安和街道')!, nodes.get('临江社区')!];
  await createUser(system, {
    username: 'anhe.admin',
    displayName: '安和街道管理员',
    role: 'street-admin',
    orgId: anhe.id,
    password: PASSWORD,
  });
  const street = await apiAs(url, 'anhe.admin', PASSWORD);
  const approved = await (await publishSignage(street, system, quickPublication(linjiang.id))).approve();
  assert.equal(approved.status, 200, JSON.stringify(approved.json));
  const code = await enrollmentCode(system, linjiang.id);

  // One port for every start, so the page keeps its address (and the plays kept in its storage).
  const playerEnv = {
    ...env,
    LINLI_DATA_DIR: path.join(dataDir, 'player'),
    LINLI_PLAYER_PORT: String(await freePort()),
    LINLI_SERVER_URL: url,
    LINLI_ENROLLMENT_CODE: code,
  };
  let player: LinliProcess = await startPlayer(playerEnv);
  t.after(() => player.stop());
  const browser = await launchChromium();
  t.after(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });

  const sent = new Set<string>();
  const answered = new Set<string>();
  let reportListeners: Array<(moment: 'sent' | 'answered') => void> = [];
  const idsOf = (body: string | null) => (JSON.parse(body ?? '{}').records as PlayRecord[]).map((r) => r.playId);
  page.on('request', (request) => {
    if (!request.url().endsWith(PLAYER_HTTP.playedPath)) return;
    idsOf(request.postData()).forEach((id) => sent.add(id));
    reportListeners.forEach((listener) => listener('sent'));
  });
  page.on('response', (response) => {
    if (!response.url().endsWith(PLAYER_HTTP.playedPath) || response.status() !== 200) return;
    idsOf(response.request().postData()).forEach((id) => answered.add(id));
    reportListeners.forEach((listener) => listener('answered'));
  });
  const nextReport = (moment: 'sent' | 'answered') =>
    new Promise<void>((resolve) => {
      const listener = (seen: 'sent' | 'answered') => {
        if (seen !== moment) return;
        reportListeners = reportListeners.filter((other) => other !== listener);
        resolve();
      };
      reportListeners.push(listener);
    });

  await page.goto(`${player.ready.url}/`);
  // The player enrolls and syncs first; the suite's other files start at the same moment on two cores.
  await page.locator('.layout[data-layout-id="quick"]').waitFor({ timeout: 60_000 });
  for (let kill = 0; kill < KILLS; kill++) {
    await nextReport(kill % 2 === 0 ? 'sent' : 'answered');
    await player.kill();
    player = await startPlayer(playerEnv);
    // The page finds its boot token refused, loads itself again and goes on reporting.
    await nextReport('answered');
  }
  t.diagnostic(`${sent.size} plays sent by the page, ${answered.size} answered by the host, over ${KILLS} kills`);

  // Settled: the page has nothing waiting, and the server has every play the page sent.
  const waitingInPage = async () =>
    page.evaluate(() => JSON.parse(localStorage.getItem('linli-unsent-plays') ?? '[]').length as number);
  const db = new BetterSqlite3(path.join(adminDir, 'admin.sqlite'), { readonly: true });
  t.after(() => db.close());
  const onServer = () =>
    db.prepare<[], PlayRow>('SELECT play_id, zone_id, started_at, ended_at FROM proof_of_play').all();
  const deadline = Date.now() + 30_000;
  for (;;) {
    const stored = new Set(onServer().map((row) => row.play_id));
    const missing = [...sent].filter((id) => !stored.has(id));
    if (missing.length === 0 && (await waitingInPage()) === 0) break;
    if (Date.now() > deadline) assert.fail(`${missing.length} plays the page sent never reached the server`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const rows = onServer();
  assert.ok(answered.size > KILLS, 'plays were reported between the kills');
  // 使用统计 counts the screen's plays too, anonymously: never more than were played (a kill between
  // keeping a play and counting it may cost a count, never add one).
  const counted = () =>
    Number(
      db
        .prepare<[], { n: number }>("SELECT COALESCE(SUM(value), 0) AS n FROM usage_events WHERE kind = 'signage-play'")
        .get()!.n,
    );
  const usageDeadline = Date.now() + 30_000;
  while (counted() === 0 && Date.now() < usageDeadline) await new Promise((resolve) => setTimeout(resolve, 200));
  assert.ok(counted() > 0 && counted() <= rows.length, `${counted()} plays counted of ${rows.length}`);
  for (const zone of ['main', 'side']) {
    const plays = rows.filter((row) => row.zone_id === zone).sort((a, b) => a.started_at.localeCompare(b.started_at));
    plays
      .slice(1)
      .forEach((play, n) =>
        assert.ok(play.started_at >= plays[n]!.ended_at, `${zone}: ${play.play_id} overlaps ${plays[n]!.play_id}`),
      );
  }
});

type PlayRow = { play_id: string; zone_id: string; started_at: string; ended_at: string };
