/**
 * Emergency alerts on the kiosk host: the decisions (shown from effective until expires by the
 * host's clock, test messages kept off ordinary kiosks, most severe first, the info block chosen
 * for the display language), the timer that announces expiry without polling, the cache (upsert,
 * delete, resync; the migration that makes an upgraded kiosk read the feed again from the start).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import BetterSqlite3 from 'better-sqlite3';
import { PROTOCOL_VERSION, type Change, type ChangesPage } from '@linli/protocol';
import {
  alertInfoFor,
  alertShownAt,
  alertsShownAt,
  compareAlerts,
  createAlertBoard,
  kioskAlertOf,
  nextAlertChangeAt,
  ORDINARY_KIOSK,
} from '../host/alerts/alert-board';
import { createKioskHost, type KioskHost } from '../host/kiosk-host';
import { createMomentTimer } from '../host/lifecycle/moment-timer';
import { openCacheDb, NO_CACHED_CONTENT } from '../host/storage/cache-db';
import type { ServerClient } from '../host/sync/server-client';
import { createSyncEngine } from '../host/sync/sync-engine';
import { browserShellHooks } from '../shells/browser/shell-hooks';
import { fakeAdminServer, kioskConfig } from './fake-admin-server';
import { alert, guide, removeAlert, tempCache, upsert, upsertAlert } from './fixtures';

// 2026-07-01 08:30 and 20:30 in Beijing, as the CAP document writes them with +08:00.
const EFFECTIVE = new Date('2026-07-01T00:30:00Z');
const EXPIRES = new Date('2026-07-01T12:30:00Z');
const DURING = new Date('2026-07-01T02:00:00Z');
const TEST_SCREEN = { showTests: true };
const ms = (date: Date, delta: number) => new Date(date.getTime() + delta);

test('an alert is shown from its effective time until it expires, by instants and not by text', () => {
  const red = alert('red');
  assert.equal(alertShownAt(red, ms(EFFECTIVE, -1), ORDINARY_KIOSK), false, 'not before it is effective');
  assert.equal(alertShownAt(red, EFFECTIVE, ORDINARY_KIOSK), true, 'from its effective instant (08:30+08:00)');
  assert.equal(alertShownAt(red, ms(EXPIRES, -1), ORDINARY_KIOSK), true);
  assert.equal(alertShownAt(red, EXPIRES, ORDINARY_KIOSK), false, 'gone at its expiry instant');
  // As text '2026-07-01T08:30:00+08:00' sorts after '2026-07-01T02:00:00.000Z': compared as text, it would hide.
  assert.equal(alertShownAt(red, DURING, ORDINARY_KIOSK), true);
  assert.equal(
    alertShownAt(alert('open', { expires: null }), ms(EXPIRES, 86_400_000), ORDINARY_KIOSK),
    true,
    'no expiry: until ended',
  );
  assert.equal(
    alertShownAt(alert('garbled', { effective: 'soon', expires: 'later' }), DURING, ORDINARY_KIOSK),
    true,
    'a time that cannot be read never hides a warning',
  );
});

test('Test and Exercise messages are not shown on an ordinary kiosk; a test screen would show them', () => {
  const drill = alert('drill', { status: 'Exercise', test: true });
  assert.equal(alertShownAt(drill, DURING, ORDINARY_KIOSK), false);
  assert.equal(alertShownAt(drill, DURING, TEST_SCREEN), true);
  assert.equal(nextAlertChangeAt([drill], ms(EFFECTIVE, -1000), ORDINARY_KIOSK), null, 'and it sets no timer');
  assert.equal(kioskAlertOf(drill, 'zh-Hans').test, true, 'labelled as a test where shown');
});

test('the next change is the nearest effective or expiry instant ahead', () => {
  const red = alert('red');
  const later = alert('later', { effective: '2026-07-01T10:00:00+08:00', expires: '2026-07-01T18:00:00+08:00' });
  assert.deepEqual(nextAlertChangeAt([red, later], ms(EFFECTIVE, -1), ORDINARY_KIOSK), EFFECTIVE);
  assert.deepEqual(
    nextAlertChangeAt([red, later], ms(EFFECTIVE, 1), ORDINARY_KIOSK),
    new Date('2026-07-01T02:00:00Z'),
    'then the later one becomes effective (10:00+08:00)',
  );
  assert.deepEqual(
    nextAlertChangeAt([red, later], DURING, ORDINARY_KIOSK),
    new Date('2026-07-01T10:00:00Z'),
    'then it expires (18:00+08:00) before the red one (20:30+08:00)',
  );
  assert.equal(nextAlertChangeAt([red], EXPIRES, ORDINARY_KIOSK), null, 'nothing ahead after the last expiry');
});

test('several alerts: most severe first, then most urgent, then the newest', () => {
  const minor = alert('minor', { severity: 'Minor' });
  const severeExpected = alert('severe-expected', { severity: 'Severe', urgency: 'Expected' });
  const severeNow = alert('severe-now', { severity: 'Severe', urgency: 'Immediate' });
  const severeNewer = alert('severe-newer', { severity: 'Severe', sent: '2026-07-01T09:00:00+08:00' });
  const unknown = alert('unknown', { severity: 'Unknown' });
  const extreme = alert('extreme');
  assert.deepEqual(
    [minor, severeExpected, unknown, severeNow, extreme, severeNewer].sort(compareAlerts).map((a) => a.id),
    ['extreme', 'severe-newer', 'severe-now', 'severe-expected', 'minor', 'unknown'],
  );
});

test('the info block for the locale: zh-CN for 简体 and 繁體 (converted), English when there is one', () => {
  const red = alert('red');
  assert.equal(alertInfoFor(red, 'zh-Hans').info?.language, 'zh-CN');
  assert.equal(alertInfoFor(red, 'en').info?.language, 'en-US');
  const hans = kioskAlertOf(red, 'zh-Hans');
  assert.equal(hans.headline, '临江市气象台发布暴雨红色预警信号');
  assert.equal(hans.locale, 'zh-Hans');
  const hant = kioskAlertOf(red, 'zh-Hant');
  assert.equal(hant.headline, '臨江市氣象臺發佈暴雨紅色預警信號');
  assert.equal(hant.event, '暴雨紅色預警');
  assert.equal(hant.senderName, '臨江市氣象臺');
  assert.match(hant.instruction!, /避免外出，遠離低窪地帶/);
  assert.deepEqual(hant.areaDesc, ['臨江市安和區']);
  assert.equal(hant.locale, 'zh-Hant');
  const english = kioskAlertOf(red, 'en');
  assert.equal(english.headline, 'Rainstorm red warning for Anhe District');
  assert.equal(english.senderName, 'Linjiang Meteorological Observatory');
  assert.equal(english.locale, 'en');
  assert.equal(english.severity, 'Extreme', "the alert's own grading, whatever the language");

  const chineseOnly = alert('zh', { info: [red.info[0]!] });
  const fallback = kioskAlertOf(chineseOnly, 'en');
  assert.equal(fallback.headline, '临江市气象台发布暴雨红色预警信号', 'English asked, none sent: the Chinese text');
  assert.equal(fallback.locale, 'zh-Hans', 'said to be Chinese, so the screen marks its language');
  const zhOther = alert('zh-tw', {
    info: [
      { ...red.info[1]!, language: 'en' },
      { ...red.info[0]!, language: 'zh' },
    ],
  });
  assert.equal(alertInfoFor(zhOther, 'zh-Hans').info?.language, 'zh', 'any Chinese block when there is no zh-CN one');
  const noHeadline = alert('bare', { info: [{ ...red.info[0]!, headline: null }] });
  assert.equal(
    kioskAlertOf(noHeadline, 'zh-Hans').headline,
    '暴雨红色预警',
    'the event stands in for a missing headline',
  );
});

test('alertsShownAt: only those in force, in order, in the locale', () => {
  const shown = alertsShownAt(
    [
      alert('yellow', { severity: 'Minor' }),
      alert('red'),
      alert('drill', { test: true, status: 'Test' }),
      alert('over', { expires: '2026-07-01T09:00:00+08:00' }),
    ],
    DURING,
    ORDINARY_KIOSK,
    'en',
  );
  assert.deepEqual(
    shown.map((a) => [a.id, a.severity, a.event]),
    [
      ['red', 'Extreme', 'Rainstorm red warning'],
      ['yellow', 'Minor', 'Rainstorm red warning'],
    ],
  );
});

test('the board follows the feed: arrival, tombstone, resync', async (t) => {
  const { cache } = tempCache(t);
  const board = createAlertBoard({ clock: () => DURING, held: cache.allAlerts });
  assert.deepEqual(await board.bridge.listAlerts({}), []);
  const arrival = [upsertAlert(alert('red'))];
  cache.applyPage(arrival, 10, DURING);
  assert.equal(board.applied(arrival), true);
  assert.deepEqual(
    (await board.bridge.listAlerts({ locale: 'zh-Hans' })).map((a) => a.headline),
    ['临江市气象台发布暴雨红色预警信号'],
  );
  assert.equal(board.applied([upsert(guide('g', '社保卡'))]), false, 'a page without alerts changes nothing here');
  const cancel = [removeAlert('red')];
  cache.applyPage(cancel, 11, DURING);
  assert.equal(board.applied(cancel), true);
  assert.deepEqual(await board.bridge.listAlerts({}), []);
  cache.replaceAll({ ...NO_CACHED_CONTENT, alerts: [alert('again')] }, 12, DURING);
  assert.equal(board.applied('all'), true);
  assert.deepEqual(
    (await board.bridge.listAlerts({})).map((a) => a.id),
    ['again'],
  );
});

test('the timer announces an alert becoming effective and expiring when it is time, and nothing else', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout', 'Date'], now: ms(EFFECTIVE, -60_000) });
  const { cache } = tempCache(t);
  cache.applyPage([upsertAlert(alert('red'))], 1, new Date());
  const board = createAlertBoard({ clock: () => new Date(), held: cache.allAlerts });
  let announced = 0;
  const timer = createMomentTimer({
    nextChangeAt: board.nextChangeAt,
    clock: () => new Date(),
    onChange: () => announced++,
  });
  t.after(() => timer.stop());
  const shown = async () => (await board.bridge.listAlerts({})).map((a) => a.id);
  timer.schedule();

  t.mock.timers.tick(59_999);
  assert.equal(announced, 0);
  assert.deepEqual(await shown(), []);
  t.mock.timers.tick(1);
  assert.equal(announced, 1, 'announced as it becomes effective');
  assert.deepEqual(await shown(), ['red']);
  t.mock.timers.tick(EXPIRES.getTime() - EFFECTIVE.getTime() - 1);
  assert.equal(announced, 1, 'no polling in between');
  t.mock.timers.tick(1);
  assert.equal(announced, 2, 'announced as it expires, with no sync');
  assert.deepEqual(await shown(), []);
  t.mock.timers.tick(30 * 86_400_000);
  assert.equal(announced, 2, 'and then nothing is waiting');
});

test('the cache keeps alerts: upsert replaces, delete removes, both survive reopening', (t) => {
  const { cache, file } = tempCache(t);
  cache.applyPage([upsertAlert(alert('red')), upsertAlert(alert('yellow', { severity: 'Minor' }))], 5, new Date());
  cache.applyPage(
    [upsertAlert(alert('red', { headline: '暴雨红色预警信号（更新）' })), removeAlert('yellow')],
    6,
    new Date(),
  );
  cache.close();
  const reopened = openCacheDb(file);
  t.after(() => reopened.close());
  assert.deepEqual(
    reopened.allAlerts().map((a) => [a.id, a.headline]),
    [['red', '暴雨红色预警信号（更新）']],
  );
  assert.equal(reopened.cursor(), 6);
});

/** A cache as the app before alerts left it: schema 5, read from the start by a protocol-3 app that skipped alerts. */
function schema5Cache(file: string): void {
  const raw = new BetterSqlite3(file);
  raw.exec(
    "DROP TABLE alerts; DROP TABLE signage; DROP TABLE tv_channels; UPDATE sync_state SET value = '3' WHERE key = 'protocol'",
  );
  raw.pragma('user_version = 5');
  raw.close();
}

test('the alerts migration makes an upgraded kiosk read the feed again from the start, serving its cache meanwhile', async (t) => {
  const { cache, file } = tempCache(t);
  // The feed as the server holds it: a guide, then an alert the old app skipped, then another guide.
  const feed: Change[] = [
    upsert(guide('a', '社会保障卡挂失')),
    upsertAlert(alert('red')),
    upsert(guide('b', '医保参保')),
  ];
  cache.applyPage(
    feed.filter((change) => change.entity !== 'alert'),
    feed.at(-1)!.seq,
    new Date(),
  );
  cache.close();
  schema5Cache(file);

  const migrated = openCacheDb(file);
  t.after(() => migrated.close());
  assert.deepEqual(migrated.allAlerts(), [], 'the alerts table, empty');
  assert.equal(
    migrated.protocol(),
    2,
    'recorded as a cache without alerts, which the sync engine reads in whole again',
  );
  assert.equal(migrated.cursor(), feed.at(-1)!.seq, 'the cursor stays until that download is swapped in');
  assert.equal(migrated.allGuides().length, 2, 'so the guides are served meanwhile, even offline');

  const calls: number[] = [];
  const client: ServerClient = {
    async changes(cursor) {
      calls.push(cursor);
      const changes = feed.filter((change) => change.seq > cursor);
      return { changes, nextCursor: changes.at(-1)?.seq ?? cursor, hasMore: false } satisfies ChangesPage;
    },
    heartbeat: async () => undefined,
    reportCommand: async () => undefined,
    uploadPlays: async ({ plays }) => ({ stored: plays.length, alreadyStored: 0 }),
    uploadUsage: async ({ events }) => ({ stored: events.length, alreadyStored: 0, tooOld: 0 }),
    listen: () => new Promise(() => undefined),
  };
  const applied: Array<Change[] | 'all'> = [];
  const engine = createSyncEngine({
    cache: migrated,
    client,
    clock: () => DURING,
    pullIntervalMs: 60_000,
    onApplied: (changes) => applied.push(changes),
    onOnlineChange: () => undefined,
    log: () => undefined,
  });
  await engine.syncNow();
  assert.equal(calls[0], 0, 'the first pull after the upgrade starts from cursor 0');
  assert.deepEqual(applied, ['all'], 'swapped in at once, as a resync');
  assert.deepEqual(
    migrated.allAlerts().map((a) => a.id),
    ['red'],
    'the alert the old app skipped is here now',
  );
  assert.equal(migrated.protocol(), PROTOCOL_VERSION);
  await engine.syncNow();
  assert.equal(calls.at(-1), feed.at(-1)!.seq, 'after that, pulls go on from the cursor');
  await engine.stop();
});

test('a fresh cache (cursor 0) needs no second download: its first pull already reads everything', (t) => {
  const { cache, file } = tempCache(t);
  cache.close();
  schema5Cache(file);
  const migrated = openCacheDb(file);
  t.after(() => migrated.close());
  assert.equal(migrated.cursor(), 0);
  migrated.applyPage([upsertAlert(alert('red'))], 1, new Date());
  assert.equal(migrated.protocol(), PROTOCOL_VERSION);
  assert.deepEqual(
    migrated.allAlerts().map((a) => a.id),
    ['red'],
  );
});

/** Resolves at the host's next `alerts-changed`. */
function nextAlertsChanged(host: KioskHost): Promise<void> {
  return new Promise((resolve) => {
    const off = host.onEvent((event) => {
      if (event !== 'alerts-changed') return;
      off();
      resolve();
    });
  });
}

test('the host announces an alert as it arrives by push and as its tombstone comes; a test message stays off', async (t) => {
  const server = fakeAdminServer([upsert(guide('shebao-card-loss', '社会保障卡挂失'))]);
  const shell = browserShellHooks(() => assert.fail('no restart expected'));
  const host = await createKioskHost({ config: kioskConfig(t), fetch: server.fetchImpl, log: () => undefined, shell });
  t.after(() => host.stop());
  await host.start();
  assert.deepEqual(await host.bridge.listAlerts({}), []);
  const now = Date.now();
  const inForce = { effective: new Date(now - 60_000).toISOString(), expires: new Date(now + 3600_000).toISOString() };

  let changed = nextAlertsChanged(host);
  server.publish(upsertAlert(alert('red', inForce)));
  await changed;
  assert.deepEqual(
    (await host.bridge.listAlerts({ locale: 'zh-Hant' })).map((a) => [a.id, a.event]),
    [['red', '暴雨紅色預警']],
  );

  changed = nextAlertsChanged(host);
  server.publish(upsertAlert(alert('drill', { ...inForce, status: 'Exercise', test: true })));
  await changed;
  assert.deepEqual(
    (await host.bridge.listAlerts({})).map((a) => a.id),
    ['red'],
    'an exercise is not shown on an ordinary kiosk',
  );

  changed = nextAlertsChanged(host);
  server.publish(removeAlert('red'));
  await changed;
  assert.deepEqual(await host.bridge.listAlerts({}), [], 'cancelled: off the screens');
});
