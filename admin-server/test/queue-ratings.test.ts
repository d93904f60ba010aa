/**
 * 好差评's pure rules: a ticket is rated only finished at the window asking and within its time;
 * reasons belong to their level; each window's pad asks about the ticket finished there last, while
 * it is unrated and open; a 差评's follow-up case is a complaint told from the ticket, the business,
 * the window and the reasons, filed under the business's category when the catalogue has one. And
 * the pad's screens: the levels, the reasons, 谢谢 for a while, a newer ticket at once.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { QUEUE_RATING_LEVELS, QUEUE_RATING_MINUTES, QUEUE_REASONS_BY_LEVEL, isComplaint } from '@linli/protocol';
import { followUpCase, ratingRefusal, reasonProblems, toRateByWindow } from '../src/domain/queue-ratings';
import { THANKS_MS, padHash, padScreen, padSeatOf, toggled, type ToRate } from '../web/rating-pad';

const beijing = (local: string) => new Date(`${local}+08:00`);
const FINISHED = beijing('2026-03-10T09:26').toISOString();
const minutesAfter = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000);

describe('rating rules', () => {
  test('only a ticket finished at this window, and only within the rating time', () => {
    const done = { label: 'A001', state: 'done' as const, window: 1, finishedAt: FINISHED };
    assert.equal(ratingRefusal(done, 1, minutesAfter(FINISHED, 3)), undefined);
    assert.equal(ratingRefusal(done, 1, minutesAfter(FINISHED, QUEUE_RATING_MINUTES)), undefined, 'the last minute');
    assert.equal(
      ratingRefusal(done, 1, minutesAfter(FINISHED, QUEUE_RATING_MINUTES + 0.01))?.code,
      'QUEUE_RATING_CLOSED',
    );
    assert.equal(ratingRefusal(done, 2, minutesAfter(FINISHED, 1))?.code, 'QUEUE_NOT_RATEABLE', 'another window');
    for (const state of ['waiting', 'called', 'no-show', 'lapsed'] as const)
      assert.equal(
        ratingRefusal({ label: 'A001', state, window: 1 }, 1, minutesAfter(FINISHED, 1))?.code,
        'QUEUE_NOT_RATEABLE',
        state,
      );
  });

  test('reasons belong to their level: praise for the satisfied, faults for 差评', () => {
    assert.deepEqual(reasonProblems('satisfied', ['efficient', 'friendly']), []);
    assert.deepEqual(reasonProblems('dissatisfied', ['long-wait', 'rude']), []);
    assert.deepEqual(reasonProblems('very-satisfied', ['efficient', 'rude']), [
      { path: '/reasons/1', message: 'rude is not a reason of very-satisfied' },
    ]);
    assert.deepEqual(
      QUEUE_RATING_LEVELS.filter(isComplaint),
      ['dissatisfied', 'very-dissatisfied'],
      'the two 差评 levels open a case',
    );
    for (const level of QUEUE_RATING_LEVELS) assert.ok(QUEUE_REASONS_BY_LEVEL[level].length > 0, level);
  });

  test("each window's pad asks about its last finished ticket while unrated and open", () => {
    const finished = (ticketId: number, window: number, minute: string, rated = false) => ({
      ticketId,
      label: `A00${ticketId}`,
      business: 'social',
      window,
      finishedAt: beijing(`2026-03-10T09:${minute}`).toISOString(),
      rated,
    });
    const now = beijing('2026-03-10T09:35');
    const asked = toRateByWindow(
      [
        finished(1, 1, '26'),
        finished(2, 1, '30'),
        finished(3, 2, '28', true),
        finished(4, 3, '20'),
        finished(5, 4, '31'),
        finished(6, 4, '31'),
      ],
      now,
    );
    assert.deepEqual(
      [...asked.entries()].map(([window, ticket]) => `${window} ${ticket.label}`),
      ['1 A002', '4 A006'],
      'the later one at 1; 2 rated; 3 past its time; the same minute at 4: the later ticket',
    );
    assert.deepEqual(asked.get(1), {
      ticketId: 2,
      label: 'A002',
      business: 'social',
      finishedAt: beijing('2026-03-10T09:30').toISOString(),
    });
    assert.equal(
      toRateByWindow([finished(1, 1, '26'), finished(2, 1, '30', true)], now).size,
      0,
      'not the earlier one',
    );
  });

  test("a 差评's case: a complaint in words of the ticket, business, window and reasons; the business's category if any", () => {
    const rated = {
      hallName: '安和街道便民服务中心',
      window: 2,
      windowName: '综合窗口',
      business: 'household',
      businessName: '户籍证照',
      label: 'C012',
      finishedAt: FINISHED,
      level: 'dissatisfied' as const,
      reasons: ['long-wait', 'rude'] as const,
    };
    const categories = new Set(['affairs', 'affairs/household', 'other']);
    const filed = followUpCase({ ...rated, reasons: [...rated.reasons] }, (path) => categories.has(path));
    assert.deepEqual(filed, {
      nature: 'complaint',
      category: 'affairs/household',
      description:
        '窗口服务差评：安和街道便民服务中心 2号窗口（综合窗口），户籍证照业务，号码 C012，2026-03-10 09:26 办结。' +
        '居民评价「不满意」，原因：等候时间长、态度差。请核查该窗口的服务并改进。',
    });
    const other = followUpCase(
      { ...rated, business: 'social', windowName: undefined, reasons: [], level: 'very-dissatisfied' },
      (path) => categories.has(path),
    );
    assert.equal(other.category, 'affairs', 'no category of its own: 政务办事');
    assert.match(other.description, /2号窗口，户籍证照业务.*「非常不满意」，未选原因。/);
  });
});

describe('the rating pad', () => {
  const ticket: ToRate = { ticketId: 7, label: 'A007', business: 'social', finishedAt: FINISHED };
  const at = (minutes: number) => minutesAfter(FINISHED, minutes).getTime();

  test('is opened at its own address for one hall and window', () => {
    assert.equal(padHash(3, 12), '#rating-pad/3/12');
    assert.deepEqual(padSeatOf(padHash(3, 12)), { hallId: 3, window: 12 });
    for (const hash of ['#counter', '#rating-pad/3', '#rating-pad/x/1', '#rating-pad/3/12/4', ''])
      assert.equal(padSeatOf(hash), null, hash);
  });

  test('waits, asks the levels, then the reasons; 谢谢 for a while; a newer ticket at once', () => {
    const none = { rated: new Set<number>() };
    assert.deepEqual(padScreen(undefined, none, at(1)), { kind: 'waiting' });
    assert.deepEqual(padScreen(ticket, none, at(1)), { kind: 'levels', ticket });
    assert.deepEqual(padScreen(ticket, none, at(QUEUE_RATING_MINUTES + 1)), { kind: 'waiting' }, 'its time passed');

    const chosen = { ...none, choice: { ticketId: 7, level: 'dissatisfied' as const, reasons: toggled([], 'rude') } };
    assert.deepEqual(padScreen(ticket, chosen, at(2)), {
      kind: 'reasons',
      ticket,
      level: 'dissatisfied',
      reasons: ['rude'],
    });
    assert.deepEqual(toggled(['rude', 'long-wait'], 'rude'), ['long-wait'], 'tapped again: taken away');

    const thanked = { rated: new Set([7]), thanks: { until: at(2) + THANKS_MS, followUp: true } };
    assert.deepEqual(
      padScreen(ticket, thanked, at(2)),
      { kind: 'thanks', followUp: true },
      'still named by the stream',
    );
    assert.deepEqual(padScreen(undefined, thanked, at(2) + THANKS_MS), { kind: 'waiting' });
    const next: ToRate = { ...ticket, ticketId: 8, label: 'A008' };
    assert.deepEqual(padScreen(next, thanked, at(2) + 1000), { kind: 'levels', ticket: next }, 'the next resident');
    assert.deepEqual(
      padScreen(next, { ...chosen, choice: { ...chosen.choice } }, at(3)),
      { kind: 'levels', ticket: next },
      'a choice made for the ticket before is not carried over',
    );
  });
});
