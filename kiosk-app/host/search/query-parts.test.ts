/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseQuery } from './query-parts';

const texts = (query: string) => parseQuery(query).parts.map((part) => part.text);

test('spaces and Han/Latin boundaries separate the words that must all match', () => {
  assert.deepEqual(texts('社保 gs'), ['社保', 'gs']);
  assert.deepEqual(texts('社保gs'), ['社保', 'gs']);
  assert.deepEqual(texts('shebao挂失'), ['shebao', '挂失']);
  assert.deepEqual(texts('12345热线'), ['12345热线'], 'digits stay with their characters');
  assert.deepEqual(texts('社保 社保'), ['社保'], 'a repeated word counts once');
});

test('consonant-only Latin is read as initials, anything with a vowel as full pinyin', () => {
  const [initials] = parseQuery('gjj').parts;
  const [full] = parseQuery('gongji').parts;
  assert.equal(initials?.allConsonants, true);
  assert.equal(full?.allConsonants, false);
});

test('the query class is what the kiosk may log instead of the query text', () => {
  assert.equal(parseQuery('').queryClass, 'empty');
  assert.equal(parseQuery('低保').queryClass, 'hanzi');
  assert.equal(parseQuery('sbk').queryClass, 'latin');
  assert.equal(parseQuery('社保 gs').queryClass, 'mixed');
  assert.equal(parseQuery('12333').queryClass, 'other');
});
