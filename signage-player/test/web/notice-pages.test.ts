import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  cutPoint,
  noticePageAt,
  noticeParagraphs,
  splitIntoPages,
  type NoticePage,
  type PageFits,
} from '../../web/notice-pages';

/** A page as a grid of lines: each fragment takes whole lines of `perLine` characters; page 0 has `firstLines` lines, the others `lines`. */
function gridFits(perLine: number, lines: number, firstLines = lines): PageFits {
  return (page, index) => {
    const used = page.reduce(
      (sum, fragment) => sum + Math.max(1, Math.ceil(Array.from(fragment.text).length / perLine)),
      0,
    );
    return used <= (index === 0 ? firstLines : lines);
  };
}

const textOf = (pages: NoticePage[]) =>
  pages
    .flat()
    .map((fragment) => fragment.text)
    .join('');

test('paragraphs are separated by blank lines; a single line break stays inside one', () => {
  assert.deepEqual(noticeParagraphs('第一段\n续行\n\n  第二段  \n \n\n第三段\n'), ['第一段\n续行', '第二段', '第三段']);
  assert.deepEqual(noticeParagraphs('  \n\n '), []);
});

test('a page is cut after a sentence end in the second half of what fits, else after a clause, else where it fits', () => {
  const chars = Array.from('一二三四五。六七八九，十一二三四五六七八九十');
  assert.equal(cutPoint(chars, 8), 6, 'after 。');
  assert.equal(cutPoint(chars, 14), 11, 'after ，');
  assert.equal(cutPoint(Array.from('一二三四五六七八九十'), 7), 7, 'no mark: where it fits');
  // A sentence end in the first half is too early: half a page would stay empty.
  assert.equal(cutPoint(Array.from('一。三四五六七八九十'), 8), 8);
  // The next page may not open with a closing mark.
  assert.equal(cutPoint(Array.from('一二三四五六七八」九'), 8), 7);
});

test('the pages hold the whole text in order, each fits, and a paragraph goes on at the top of the next page', () => {
  const paragraphs = [
    '为进一步做好辖区居民冬季取暖安全工作，切实保障人民群众生命财产安全，社区定于12月5日至12月20日开展入户燃气安全检查。',
    '检查内容包括：燃气管道及阀门是否老化、燃气灶具是否使用熄火保护装置、连接软管是否超过使用年限。',
    '感谢广大居民的理解与支持！',
  ];
  const fits = gridFits(12, 4, 2);
  const pages = splitIntoPages(paragraphs, fits);
  assert.ok(pages.length > 3);
  pages.forEach((page, index) => assert.ok(fits(page, index), `page ${index} overflows`));
  assert.equal(textOf(pages), paragraphs.join(''));
  const continuedFragments = pages.flat().filter((fragment) => fragment.continued);
  assert.ok(continuedFragments.length > 0);
  assert.equal(pages[1]![0]!.continued, true, 'the first paragraph goes on at the top of page 2');
});

test('a short notice is one page; one without text is one page with the heading alone', () => {
  assert.deepEqual(splitIntoPages(['短通知。'], gridFits(20, 5)), [[{ text: '短通知。', continued: false }]]);
  assert.deepEqual(splitIntoPages([], gridFits(20, 5)), [[]]);
});

test('a paragraph that does not fit in what is left of a page starts the next page whole when it fits there', () => {
  const pages = splitIntoPages(['一二三四五六七八', '九十一二三四五六'], gridFits(8, 1));
  assert.deepEqual(pages, [
    [{ text: '一二三四五六七八', continued: false }],
    [{ text: '九十一二三四五六', continued: false }],
  ]);
});

test('paging ends on any input: many random texts and page sizes', () => {
  let seed = 7;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const alphabet = Array.from('社区居民通知检查安全，。！、；：“”（）ab 12');
  for (let run = 0; run < 300; run++) {
    const paragraphs = Array.from({ length: 1 + Math.floor(random() * 5) }, () =>
      Array.from(
        { length: 1 + Math.floor(random() * 120) },
        () => alphabet[Math.floor(random() * alphabet.length)],
      ).join(''),
    );
    const fits = gridFits(1 + Math.floor(random() * 20), 1 + Math.floor(random() * 8), Math.floor(random() * 4));
    const pages = splitIntoPages(paragraphs, fits);
    assert.equal(textOf(pages), paragraphs.join(''));
    pages.forEach((page, index) => assert.ok(fits(page, index), `run ${run} page ${index}`));
  }
});

test('a first page whose heading leaves no room holds the heading alone; the text starts on the next', () => {
  const pages = splitIntoPages(['一二三四五六'], gridFits(6, 1, 0));
  assert.deepEqual(pages, [[], [{ text: '一二三四五六', continued: false }]]);
});

test('a page with no room for a single character takes the rest rather than making pages without end', () => {
  const pages = splitIntoPages(['一二三四五六'], () => false);
  assert.deepEqual(pages, [[], [{ text: '一二三四五六', continued: false }]]);
});

test('pages share the item time equally and the last page has no turn', () => {
  assert.deepEqual(noticePageAt(3, 1000, 9000, 1000), { page: 0, turnsAt: 4000 });
  assert.deepEqual(noticePageAt(3, 1000, 9000, 3999), { page: 0, turnsAt: 4000 });
  assert.deepEqual(noticePageAt(3, 1000, 9000, 4000), { page: 1, turnsAt: 7000 });
  assert.deepEqual(noticePageAt(3, 1000, 9000, 9500), { page: 2, turnsAt: null });
  // Late or early calls stay on the pages there are.
  assert.deepEqual(noticePageAt(3, 1000, 9000, 50_000), { page: 2, turnsAt: null });
  assert.deepEqual(noticePageAt(3, 1000, 9000, 0), { page: 0, turnsAt: 4000 });
  // A turn at a fraction of a millisecond is rounded up, so the timer never wakes a page early.
  const { turnsAt } = noticePageAt(3, 0, 1000, 0);
  assert.equal(turnsAt, 334);
  assert.equal(noticePageAt(3, 0, 1000, turnsAt!).page, 1);
});
