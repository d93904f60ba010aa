/** How the screens lay out and read a notice: paragraphs, the kiosk's calendar day, what is spoken. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SPEAK_MAX_CHARS } from '@linli/protocol';
import { bylineOf, paragraphsOf, publishedOn, spokenTextOfNotice } from '../renderer/notices/notice-text';
import { fitForSpeech } from '../renderer/speech-limit';
import { notice } from './fixtures';

test('blank lines (with stray spaces) separate paragraphs; single line breaks stay inside one', () => {
  assert.deepEqual(paragraphsOf('第一段\n第一段第二行\n \n\n  第二段  \n\n'), ['第一段\n第一段第二行', '第二段']);
});

test("the date is the publish day on the kiosk's own calendar", (t) => {
  const zone = process.env.TZ;
  t.after(() => (zone === undefined ? delete process.env.TZ : (process.env.TZ = zone)));
  process.env.TZ = 'Asia/Shanghai';
  // 08:00 on 1 December in Beijing is still 30 November in UTC.
  assert.equal(publishedOn('2026-11-30T16:00:00.000Z', 'zh-Hans'), '2026年12月1日');
  assert.equal(publishedOn('2026-11-30T16:00:00.000Z', 'zh-Hant'), '2026年12月1日');
  assert.equal(publishedOn('2026-11-30T16:00:00.000Z', 'en'), '1 Dec 2026');
  assert.equal(
    bylineOf({ issuer: '安和街道办事处', publishAt: '2026-03-05T02:00:00.000Z' }, 'zh-Hans'),
    '安和街道办事处 · 2026年3月5日',
  );
});

test('read-aloud says the title, the issuer and the text, within what one speak call takes', () => {
  assert.equal(
    spokenTextOfNotice(notice('n', '停水通知', '2026-11-01T00:00:00.000Z', { body: '明日停水。\n\n请储水。' })),
    '停水通知\n安和街道办事处\n明日停水。\n请储水。',
  );
  const long = '本次施工影响范围较大。'.repeat(600);
  const fitted = fitForSpeech(long);
  assert.ok(fitted.length <= SPEAK_MAX_CHARS);
  assert.ok(fitted.endsWith('。'), 'cut at the end of a sentence');
  assert.equal(fitForSpeech('短文本。'), '短文本。');
  assert.equal(fitForSpeech('无标点'.repeat(2000)).length, SPEAK_MAX_CHARS);
});
