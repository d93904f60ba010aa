/**
 * The on-screen keyboard's pinyin input, with the committed dictionary: what a resident sees after
 * typing on the kiosk's keys, and what lands in the search field when a candidate is touched.
 */
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import dictionary from '../renderer/keyboard/pinyin-dictionary.json';
import { createPinyinIme, type PinyinIme } from '../renderer/keyboard/pinyin-ime';

const dictionaryFile = path.resolve(import.meta.dirname, '../renderer/keyboard/pinyin-dictionary.json');

function typed(letters: string, ime: PinyinIme = createPinyinIme(dictionary)): PinyinIme {
  for (const letter of letters) ime.type(letter);
  return ime;
}

function firstPage(letters: string): string[] {
  return typed(letters).candidates().items;
}

test('full pinyin puts the service word first: shebao → 社保, yinhang → 银行, huankuan → 还款', () => {
  assert.equal(firstPage('shebao')[0], '社保');
  // Polyphones read as in service vocabulary (the search's pinyin overrides), not 银xing or 还hai.
  assert.equal(firstPage('yinhang')[0], '银行');
  assert.equal(firstPage('huankuan')[0], '还款');
});

test('an unfinished last syllable already offers the word: sheb → 社保', () => {
  assert.ok(firstPage('sheb').slice(0, 3).includes('社保'), firstPage('sheb').join(' '));
});

test('initials alone find service words: sb → 社保, gjj → 公积金, jzz → 居住证, sbk → 社保卡', () => {
  assert.ok(firstPage('sb').slice(0, 3).includes('社保'), firstPage('sb').join(' '));
  assert.equal(firstPage('gjj')[0], '公积金');
  assert.equal(firstPage('jzz')[0], '居住证');
  assert.equal(firstPage('sbk')[0], '社保卡');
});

test('letters that split two ways offer both readings: xian → 先 and 西安, fangan → 方案', () => {
  const xian = firstPage('xian');
  assert.equal(xian[0], '先');
  assert.ok(xian.includes('西安'), xian.join(' '));
  assert.equal(firstPage('fangan')[0], '方案');
  // An apostrophe settles it.
  assert.equal(firstPage("xi'an")[0], '西安');
});

test('v (and ue) type ü: lv → 绿 and 律, lue → 略', () => {
  const lv = firstPage('lv');
  assert.ok(lv.includes('绿') && lv.includes('律'), lv.join(' '));
  assert.equal(firstPage('lue')[0], '略');
});

test('capital letters find the same words and are kept as typed', () => {
  const ime = typed('SheBao');
  assert.deepEqual(ime.candidates().items, firstPage('shebao'));
  assert.equal(ime.composing(), 'SheBao');
});

test('keys that are not letters do not disturb the composition', () => {
  const ime = typed("'sb1 ");
  assert.equal(ime.composing(), 'sb');
});

test('a whole input longer than one word still offers its first words, longest first', () => {
  const ime = typed('shebaokaguashi');
  assert.deepEqual(ime.candidates().items.slice(0, 2), ['社保卡', '社保']);
  assert.deepEqual(ime.choose(0), { committed: '社保卡', remaining: 'guashi' });
  assert.equal(ime.candidates().items[0], '挂失');
});

test('choosing a word for the first syllables commits it and leaves the rest composing', () => {
  const ime = typed('shebaoka');
  assert.equal(ime.candidates().items[0], '社保卡');
  const shebao = ime.candidates().items.indexOf('社保');
  assert.deepEqual(ime.choose(shebao), { committed: '社保', remaining: 'ka' });
  assert.equal(ime.composing(), 'ka');
  assert.equal(ime.candidates().items[0], '卡');
  // Choosing the last part ends the composition.
  assert.deepEqual(ime.choose(0), { committed: '卡', remaining: '' });
  assert.equal(ime.composing(), '');
  assert.deepEqual(ime.candidates(), { items: [], hasMore: false });
});

test('a single character for the first syllable leaves the next syllable composing', () => {
  const ime = typed('xianzai');
  assert.equal(ime.candidates().items[0], '现在');
  const xian = ime.candidates().items.indexOf('先');
  assert.deepEqual(ime.choose(xian), { committed: '先', remaining: 'zai' });
});

test('candidates page by eight by default, and by the page size asked for', () => {
  const ime = typed('s');
  const first = ime.candidates(0);
  const second = ime.candidates(1);
  assert.equal(first.items.length, 8);
  assert.equal(first.hasMore, true);
  assert.equal(second.items.length, 8);
  assert.deepEqual(
    first.items.filter((item) => second.items.includes(item)),
    [],
    'no candidate on two pages',
  );
  // Touching the second page's third candidate commits that one.
  assert.equal(ime.choose(8 + 2).committed, second.items[2]);

  const five = typed('s', createPinyinIme(dictionary, { pageSize: 5 }));
  assert.deepEqual(five.candidates(1).items, [...first.items, ...second.items].slice(5, 10));
});

test('the last page says there is no more', () => {
  const ime = typed('shebao');
  let page = 0;
  while (ime.candidates(page).hasMore) page++;
  assert.ok(ime.candidates(page).items.length > 0);
  assert.deepEqual(ime.candidates(page + 1), { items: [], hasMore: false });
});

test('backspace edits the composition and its candidates follow', () => {
  const ime = typed('shebaoka');
  ime.backspace();
  ime.backspace();
  assert.equal(ime.composing(), 'shebao');
  assert.equal(ime.candidates().items[0], '社保');
  for (let i = 0; i < 6; i++) ime.backspace();
  assert.equal(ime.composing(), '');
  assert.deepEqual(ime.candidates().items, []);
  ime.backspace();
  assert.equal(ime.composing(), '');
});

test('clear drops the composition', () => {
  const ime = typed('gjj');
  ime.clear();
  assert.equal(ime.composing(), '');
  assert.deepEqual(ime.candidates().items, []);
});

test('the dictionary stays small and names its source and licence', () => {
  assert.ok(statSync(dictionaryFile).size <= 1.2 * 1024 * 1024, `${statSync(dictionaryFile).size} bytes`);
  const entries = dictionary.characters.length + dictionary.words.length;
  assert.ok(entries >= 40_000 && entries <= 80_000, `${entries} entries`);
  assert.match(dictionary.header.licence, /MIT/);
  assert.match(dictionary.header.source, /jieba/);
});

test('the dictionary holds the service-hall words, above every ordinary word', () => {
  const domainScore = (word: string) => dictionary.words.find((line) => line.split(' ')[0] === word)?.split(' ')[1];
  for (const word of [
    '社保',
    '医保',
    '低保',
    '公积金',
    '居住证',
    '残疾人证',
    '老年证',
    '优待证',
    '挂失',
    '补办',
    '社保卡',
    '户口簿',
    '养老金',
    '签注',
    '居委会',
    '燃气费',
  ]) {
    assert.equal(domainScore(word), '99', word);
  }
});

test('every common character can be typed', () => {
  const characters = new Set(dictionary.characters.map((line) => line.split(' ')[0]));
  const common =
    '的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保证卡户医税费号办您嗯';
  assert.deepEqual(
    Array.from(common).filter((character) => !characters.has(character)),
    [],
  );
});
