import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { LinliError } from '@linli/protocol';
import {
  isScreenOffAt,
  nextKioskEvent,
  startKioskSchedule,
  SCHEDULE_TICK_MS,
  type KioskEvent,
  type KioskScheduleConfig,
} from './kiosk-schedule';

// Local wall-clock times as a kiosk in China sees them (no daylight saving).
process.env.TZ = 'Asia/Shanghai';
const at = (month: number, day: number, hour: number, minute: number, second = 0) =>
  new Date(2025, month - 1, day, hour, minute, second);
const describe = (event: KioskEvent | null) =>
  event && `${event.kind} ${event.at.getMonth() + 1}-${event.at.getDate()} ${event.at.toTimeString().slice(0, 5)}`;

const NIGHT: KioskScheduleConfig = { dailyRestart: '04:30', screenOff: '22:00-07:00' };

function assertConfigInvalid(config: KioskScheduleConfig, variable: string) {
  assert.throws(
    () => nextKioskEvent(at(1, 6, 12, 0), config),
    (error: unknown) => {
      assert.ok(error instanceof LinliError);
      assert.equal(error.code, 'CONFIG_INVALID');
      assert.match(error.message, new RegExp(variable));
      assert.equal(error.details?.[0]?.path, `/${variable}`);
      return true;
    },
    JSON.stringify(config),
  );
}

test('a bad restart time or screen-off range is refused with CONFIG_INVALID naming the variable', () => {
  for (const dailyRestart of ['4:30', '24:00', '04:60', '0430', 'noon', '04:30:00', ' 04:30'])
    assertConfigInvalid({ dailyRestart }, 'LINLI_DAILY_RESTART');
  for (const screenOff of [
    '22:00',
    '22:00-',
    '22:00-7:00',
    '22:00-07:00-08:00',
    '22:00–07:00',
    '25:00-07:00',
    '22:00-22:00',
  ]) {
    assertConfigInvalid({ screenOff }, 'LINLI_SCREEN_OFF');
  }
});

test('with nothing configured there is no event and the screen stays on', () => {
  assert.equal(nextKioskEvent(at(1, 6, 12, 0), {}), null);
  assert.equal(nextKioskEvent(at(1, 6, 12, 0), { dailyRestart: '', screenOff: '' }), null, 'empty counts as unset');
  assert.equal(isScreenOffAt(at(1, 6, 23, 0), {}), false);
});

test('the daily restart is today while still ahead, otherwise tomorrow', () => {
  const config = { dailyRestart: '04:30' };
  assert.equal(describe(nextKioskEvent(at(1, 6, 3, 0), config)), 'restart 1-6 04:30');
  assert.equal(describe(nextKioskEvent(at(1, 6, 4, 29, 59), config)), 'restart 1-6 04:30');
  assert.equal(
    describe(nextKioskEvent(at(1, 6, 4, 30), config)),
    'restart 1-7 04:30',
    'the restart that just happened is not due again',
  );
  assert.equal(describe(nextKioskEvent(at(1, 6, 23, 59), config)), 'restart 1-7 04:30');
});

test('a range across midnight turns the screen off in the evening and on the next morning', () => {
  const config = { screenOff: '22:00-07:00' };
  assert.equal(describe(nextKioskEvent(at(1, 6, 12, 0), config)), 'screen-off 1-6 22:00');
  assert.equal(describe(nextKioskEvent(at(1, 6, 22, 0), config)), 'screen-on 1-7 07:00');
  assert.equal(describe(nextKioskEvent(at(1, 7, 2, 0), config)), 'screen-on 1-7 07:00');
  assert.equal(isScreenOffAt(at(1, 6, 21, 59), config), false);
  assert.equal(isScreenOffAt(at(1, 6, 22, 0), config), true, 'off from the start minute');
  assert.equal(isScreenOffAt(at(1, 7, 0, 0), config), true, 'still off at midnight');
  assert.equal(isScreenOffAt(at(1, 7, 6, 59, 59), config), true);
  assert.equal(isScreenOffAt(at(1, 7, 7, 0), config), false, 'on again at the end minute');
});

test('a range within one day (lunch break) works too', () => {
  const config = { screenOff: '12:00-13:30' };
  assert.equal(describe(nextKioskEvent(at(1, 6, 9, 0), config)), 'screen-off 1-6 12:00');
  assert.equal(describe(nextKioskEvent(at(1, 6, 12, 30), config)), 'screen-on 1-6 13:30');
  assert.equal(describe(nextKioskEvent(at(1, 6, 14, 0), config)), 'screen-off 1-7 12:00');
  assert.equal(isScreenOffAt(at(1, 6, 11, 59), config), false);
  assert.equal(isScreenOffAt(at(1, 6, 12, 0), config), true);
  assert.equal(isScreenOffAt(at(1, 6, 13, 30), config), false);
  assert.equal(isScreenOffAt(at(1, 6, 23, 0), config), false, 'a same-day range does not wrap');
});

test('events follow each other in time order through the night, across month and year ends', () => {
  const walk = (from: Date, count: number) => {
    const seen: string[] = [];
    let now = from;
    for (let i = 0; i < count; i++) {
      const event = nextKioskEvent(now, NIGHT)!;
      seen.push(describe(event)!);
      now = event.at;
    }
    return seen;
  };
  assert.deepEqual(walk(at(1, 31, 12, 0), 4), [
    'screen-off 1-31 22:00',
    'restart 2-1 04:30',
    'screen-on 2-1 07:00',
    'screen-off 2-1 22:00',
  ]);
  assert.deepEqual(walk(at(12, 31, 23, 0), 2), ['restart 1-1 04:30', 'screen-on 1-1 07:00']);
  assert.equal(nextKioskEvent(at(12, 31, 23, 0), NIGHT)!.at.getFullYear(), 2026);
});

test('a restart at the same minute as a screen event comes first', () => {
  const config = { dailyRestart: '07:00', screenOff: '22:00-07:00' };
  assert.equal(describe(nextKioskEvent(at(1, 6, 6, 0), config)), 'restart 1-6 07:00');
  assert.equal(describe(nextKioskEvent(at(1, 6, 7, 0), config)), 'screen-off 1-6 22:00');
});

test('the running timetable sets the screen at start, switches it on time, and restarts once a day', (t) => {
  mock.timers.enable({ apis: ['setInterval', 'Date'], now: at(1, 6, 21, 50).getTime() });
  t.after(() => mock.timers.reset());
  const happened: string[] = [];
  const stop = startKioskSchedule(NIGHT, {
    restart: () => happened.push(`restart ${new Date().toTimeString().slice(0, 5)}`),
    setScreenOff: (off) => happened.push(`${off ? 'off' : 'on'} ${new Date().toTimeString().slice(0, 5)}`),
  });
  assert.deepEqual(happened, ['on 21:50'], 'the screen state is applied at start');
  const advance = (minutes: number) => {
    for (let i = 0; i < (minutes * 60_000) / SCHEDULE_TICK_MS; i++) mock.timers.tick(SCHEDULE_TICK_MS);
  };
  advance(24 * 60);
  assert.deepEqual(happened, ['on 21:50', 'off 22:00', 'restart 04:30', 'on 07:00']);
  stop();
  advance(24 * 60);
  assert.equal(happened.length, 4, 'nothing runs once stopped');
});

test('started inside the screen-off hours, the screen goes dark at once', (t) => {
  mock.timers.enable({ apis: ['setInterval', 'Date'], now: at(1, 7, 1, 0).getTime() });
  t.after(() => mock.timers.reset());
  const states: boolean[] = [];
  const stop = startKioskSchedule(NIGHT, { restart: () => undefined, setScreenOff: (off) => states.push(off) });
  stop();
  assert.deepEqual(states, [true]);
});

test('a clock that jumps forward (time set at boot) still ends in the state the timetable gives', (t) => {
  mock.timers.enable({ apis: ['setInterval', 'Date'], now: at(1, 6, 21, 50).getTime() });
  t.after(() => mock.timers.reset());
  const states: boolean[] = [];
  const stop = startKioskSchedule(
    { screenOff: '22:00-07:00' },
    { restart: () => assert.fail('no restart configured'), setScreenOff: (off) => states.push(off) },
  );
  mock.timers.setTime(at(1, 6, 23, 15).getTime());
  mock.timers.tick(SCHEDULE_TICK_MS);
  stop();
  assert.deepEqual(states, [false, true]);
});
