/** The duplicate warning of the guide editor: titles the same once spacing and punctuation are set aside, or close. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { editDistance, similarTitles } from '../web/similar-titles';

const GUIDES = [
  { id: 'shebao-card-loss', title: '社保卡挂失' },
  { id: 'shebao-full-name', title: '社会保障卡挂失' },
  { id: 'juzhuzheng', title: '居住证申领' },
  { id: 'shebao-spaced', title: '社保卡 挂失！' },
];

test('edit distance counts code points, so a character outside the BMP is one', () => {
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('', '居住证'), 3);
  assert.equal(editDistance('𠀀a', 'a'), 1);
  assert.equal(editDistance('社保卡挂失', '社保卡挂失'), 0);
});

test('the same title, whatever its spacing, punctuation and full-width forms, is "same"', () => {
  assert.deepEqual(similarTitles('社保卡挂失', GUIDES), [
    { id: 'shebao-card-loss', title: '社保卡挂失', same: true },
    { id: 'shebao-spaced', title: '社保卡 挂失！', same: true },
  ]);
  assert.deepEqual(
    similarTitles('ＡＢＣ 证明', [{ id: 'abc', title: 'abc证明' }]).map((m) => m.same),
    [true],
  );
});

test('a title with a few characters added reads as the same matter; a short one does not', () => {
  assert.deepEqual(
    similarTitles('社保卡挂失补办', GUIDES).map((m) => [m.id, m.same]),
    [
      ['shebao-card-loss', false],
      ['shebao-spaced', false],
    ],
  );
  assert.deepEqual(similarTitles('居住证', GUIDES), [], 'three characters within five: too short to extend');
  assert.deepEqual(
    similarTitles('居住证申办', GUIDES).map((m) => m.id),
    ['juzhuzheng'],
    'one character in five',
  );
});

test('the guide being edited, a one-character title, and the limit', () => {
  assert.deepEqual(
    similarTitles('社保卡挂失', GUIDES, 'shebao-card-loss').map((m) => m.id),
    ['shebao-spaced'],
  );
  assert.deepEqual(similarTitles('证', GUIDES), []);
  assert.deepEqual(similarTitles('！', GUIDES), []);
  const many = Array.from({ length: 6 }, (_, i) => ({ id: `g${i}`, title: '社保卡挂失' }));
  assert.equal(similarTitles('社保卡挂失', many).length, 3);
  assert.equal(similarTitles('社保卡挂失', many, '', 5).length, 5);
});
