import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LinliError } from '@linli/protocol/errors';
import { splitIntoFontRuns, uncoveredCharacters } from '../src/pdf-forms/glyph-coverage';
import { layoutText, MIN_FONT_SIZE } from '../src/pdf-forms/text-layout';

// A primary face with the BMP's common characters, a fallback with CJK Ext-B (like HanaMinB).
const primary = { covers: (cp: number) => cp < 0x20000 && cp !== 0x4dae && !(cp >= 0xe000 && cp <= 0xf8ff) };
const extB = { covers: (cp: number) => (cp >= 0x20000 && cp <= 0x2a6df) || cp === 0x4dae };
const faces = [primary, extB];

test('text splits into runs per font, the primary face first', () => {
  assert.deepEqual(splitIntoFontRuns('张喆', faces), [{ font: 0, text: '张喆' }]);
  assert.deepEqual(splitIntoFontRuns('交道口𠀀号䶮巷', faces), [
    { font: 0, text: '交道口' },
    { font: 1, text: '𠀀' },
    { font: 0, text: '号' },
    { font: 1, text: '䶮' },
    { font: 0, text: '巷' },
  ]);
  assert.deepEqual(splitIntoFontRuns('', faces), []);
});

test('a variation selector stays with its base character', () => {
  assert.deepEqual(splitIntoFontRuns('葛\u{E0100}𠀀\u{E0101}', faces), [
    { font: 0, text: '葛\u{E0100}' },
    { font: 1, text: '𠀀\u{E0101}' },
  ]);
});

test('characters in no font are GLYPH_UNAVAILABLE, named with their code points, never dropped', () => {
  assert.deepEqual(uncoveredCharacters('王\u{E000}明\u{E000}\u{30000}', faces), ['\u{E000}', '\u{30000}']);
  const onlyPrimary = [primary];
  try {
    splitIntoFontRuns('李𠀀', onlyPrimary);
    assert.fail('expected GLYPH_UNAVAILABLE');
  } catch (error) {
    assert.ok(error instanceof LinliError);
    assert.equal(error.code, 'GLYPH_UNAVAILABLE');
    assert.match(error.message, /𠀀 \(U\+20000\)/);
  }
});

// Every character 10 units wide per point of size / 10: "abc" at 10 pt = 30 pt.
const measure = (text: string, size: number) => [...text].length * size;

test('one line shrinks to its maximum width, or does not fit below the minimum size', () => {
  assert.deepEqual(layoutText('北京市东城区', { fontSize: 12, maxWidth: 100 }, measure), {
    fontSize: 12,
    lineHeight: 15,
    lines: ['北京市东城区'],
  });
  assert.equal(layoutText('北京市东城区安定门街道', { fontSize: 12, maxWidth: 100 }, measure)!.fontSize, 9);
  assert.equal(layoutText('一'.repeat(30), { fontSize: 12, maxWidth: 100 }, measure), undefined);
  assert.deepEqual(layoutText('a\nb', { fontSize: 10 }, measure)!.lines, ['a b']);
});

test('a box wraps Chinese anywhere, keeps Latin words and numbers whole, honours line breaks', () => {
  const layout = layoutText(
    '交道口北二条12号院 Room 501\n第二段',
    { fontSize: 10, box: { width: 60, height: 100 } },
    measure,
  )!;
  assert.equal(layout.fontSize, 10);
  assert.deepEqual(layout.lines, ['交道口北二条', '12号院', 'Room', '501', '第二段']);
  const shrunk = layoutText('一'.repeat(40), { fontSize: 12, box: { width: 60, height: 40 } }, measure)!;
  assert.ok(shrunk.fontSize < 12 && shrunk.fontSize >= MIN_FONT_SIZE);
  assert.ok(shrunk.lines.length * shrunk.lineHeight <= 40 + shrunk.lineHeight - shrunk.fontSize);
  assert.equal(layoutText('一'.repeat(400), { fontSize: 12, box: { width: 60, height: 40 } }, measure), undefined);
});
