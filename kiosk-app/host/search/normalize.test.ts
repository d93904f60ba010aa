/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Converter } from 'opencc-js/t2cn';
import compatibility from 'opencc-js/dict/CJK_Compatibility_Ideographs';
import hkVariantPhrases from 'opencc-js/dict/HKVariantsRevPhrases';
import hkVariants from 'opencc-js/dict/HKVariantsRev';
import tsCharacters from 'opencc-js/dict/TSCharacters';
import tsPhrases from 'opencc-js/dict/TSPhrases';
import { foldText, normalizeQuery, sourceOffsetsOf, toSimplified, toSourceRange } from './normalize';

test('full-width letters and digits from a Chinese IME become plain ASCII', () => {
  assert.equal(normalizeQuery('ｓｂ１２'), 'sb12');
  assert.equal(normalizeQuery('ＳＨＥＢＡＯ'), 'shebao');
});

test('case, surrounding and repeated spaces (including the ideographic space) are folded', () => {
  assert.equal(normalizeQuery('  医保\u3000\u3000 报销 '), '医保 报销');
  assert.equal(normalizeQuery('   '), '');
});

test('Traditional input is folded to Simplified, including Hong Kong variants', () => {
  assert.equal(normalizeQuery('社區'), '社区');
  assert.equal(normalizeQuery('醫保報銷'), '医保报销');
  assert.equal(normalizeQuery('居住證簽注'), '居住证签注');
  assert.equal(normalizeQuery('衞生'), '卫生');
});

test('Simplified text is left as it is', () => {
  for (const text of ['社会保障卡补办', '著作权登记', '干燥', '后续办理']) assert.equal(toSimplified(text), text);
});

test('a runaway query from the on-screen keyboard is capped at 64 characters', () => {
  assert.equal(Array.from(normalizeQuery('办'.repeat(500))).length, 64);
  assert.equal(Array.from(normalizeQuery('𠀀'.repeat(100))).length, 64, 'characters outside the BMP are not split');
});

test('a range found in a folded title maps back to the original title', () => {
  const original = '長者優待證（ＨＫ）  辦理';
  const folded = foldText(original);
  assert.equal(folded, '长者优待证(hk) 办理');
  const offsets = sourceOffsetsOf(original, folded);
  assert.ok(offsets);
  const at = folded.indexOf('办理');
  assert.deepEqual(toSourceRange(offsets, [at, at + 2]), [11, 13]);
  assert.equal(original.slice(11, 13), '辦理');
  assert.deepEqual(toSourceRange(offsets, [6, 8]), [6, 8], 'full-width ＨＫ highlights as itself');
});

test('text is converted exactly as the converter would, though text no dictionary key can change skips it', () => {
  const converter = Converter({ from: 'hk', to: 'cn' });
  let keys = 0;
  for (const dictionary of [compatibility, hkVariantPhrases, hkVariants, tsPhrases, tsCharacters])
    for (const entry of dictionary.split('|')) {
      const key = entry.slice(0, entry.indexOf(' '));
      keys++;
      assert.equal(toSimplified(key), converter(key), key);
      assert.equal(toSimplified(`办理${key}手续`), converter(`办理${key}手续`), key);
    }
  assert.ok(keys > 5000, `${keys} keys`);
  for (const text of ['户口迁移', '台湾居民', '瞭解', '一目瞭然', '乾燥', '社區衞生', '𠀀𠀁'])
    assert.equal(toSimplified(text), converter(text));
});
