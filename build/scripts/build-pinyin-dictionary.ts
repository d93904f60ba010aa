/**
 * Builds the on-screen keyboard's pinyin dictionary (kiosk-app/renderer/keyboard/pinyin-dictionary.json).
 * Re-run after changing the cut-offs or the service vocabulary:
 *
 *   npx tsx build/scripts/build-pinyin-dictionary.ts
 *
 * Source: jieba's word list `dict.txt` (`word frequency part-of-speech` per line), shipped in the npm
 * package @node-rs/jieba; jieba is MIT-licensed (© 2013 Sun Junyi). Readings come from pinyin-pro
 * (MIT) through the kiosk search's pinyin-terms, so the keyboard and the search agree on polyphones
 * such as 还款 (huan kuan) and 银行 (yin hang).
 *
 * Output shape (see `header.format` in the file): `syllables` lists every syllable in use; each
 * `characters` line is `字 reading… score` with the most common reading first; each `words` line is
 * `词 score` followed by its readings only where they differ from its characters' first readings.
 * Scores are 4 × log2(frequency + 1); service-hall words get DOMAIN_SCORE, above every jieba word.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pinyin } from 'pinyin-pro';
import { pinyinSyllablesOf } from '../../kiosk-app/host/search/pinyin-terms';
import { toSimplified } from '../../kiosk-app/host/search/normalize';

const root = path.resolve(import.meta.dirname, '../..');
const jiebaDir = path.join(root, 'node_modules/@node-rs/jieba');
const outputFile = path.join(root, 'kiosk-app/renderer/keyboard/pinyin-dictionary.json');

/** Cut-offs chosen so the file stays near 1 MB with ~70k entries: below them jieba lists rare names and jargon. */
const WORD_MIN_FREQUENCY = 25;
const CHARACTER_MIN_FREQUENCY = 3;
const MAX_WORD_CHARACTERS = 4;
const MAX_FILE_BYTES = 1.2 * 1024 * 1024;

/** Above any jieba word (the most frequent, 的, scores 73), so service vocabulary always comes first. */
const DOMAIN_SCORE = 99;

/**
 * What residents come to a service hall for. Several (残疾人证, 老年证, 燃气费) are missing from jieba
 * and exist in the dictionary only through this list.
 */
const SERVICE_HALL_WORDS = [
  // Social insurance and medical insurance
  '社保',
  '医保',
  '社保卡',
  '医保卡',
  '社会保险',
  '养老保险',
  '医疗保险',
  '失业保险',
  '工伤保险',
  '生育保险',
  '参保',
  '续保',
  '停保',
  '断缴',
  '补缴',
  '异地就医',
  '报销',
  '门诊',
  '慢性病',
  '新农合',
  // Pensions, employment, retirement
  '养老金',
  '退休金',
  '退休',
  '失业',
  '失业金',
  '就业',
  '再就业',
  '灵活就业',
  '工伤',
  '高龄津贴',
  // Assistance
  '低保',
  '低保金',
  '特困',
  '救助',
  '临时救助',
  '困难补助',
  '补贴',
  '津贴',
  '公租房',
  '廉租房',
  // Housing fund and property
  '公积金',
  '提取',
  '缴存',
  '还款',
  '贷款',
  '不动产',
  '房产证',
  // Identity, residence, household register
  '身份证',
  '居住证',
  '户口',
  '户口簿',
  '户籍',
  '落户',
  '迁入',
  '迁出',
  '出生证',
  '出生证明',
  '结婚证',
  '离婚证',
  '婚姻登记',
  '护照',
  '通行证',
  '签注',
  '驾驶证',
  '行驶证',
  // Cards and certificates for older and disabled residents
  '残疾人证',
  '残疾证',
  '残联',
  '老年证',
  '老年卡',
  '优待证',
  '退役军人',
  '优抚',
  // Transactions at the counter
  '挂失',
  '补办',
  '换领',
  '办理',
  '预约',
  '取号',
  '窗口',
  '材料',
  '证明',
  '复印件',
  '原件',
  '审批',
  // Neighbourhood services and bills
  '居委会',
  '村委会',
  '街道',
  '社区',
  '便民',
  '缴费',
  '水费',
  '电费',
  '燃气费',
  '燃气',
  '物业费',
  '供暖费',
  '暖气费',
  '有线电视',
  '宽带',
  '接种',
  '疫苗',
  '体检',
  '健康证',
];

/** Interjection readings (嗯 ng, 呣 m, 哼 hng) that are not syllables one types; 嗯 is typed en. */
const INTERJECTION_READINGS: ReadonlyMap<string, string | undefined> = new Map([
  ['ng', 'en'],
  ['n', 'en'],
  ['m', undefined],
  ['hm', undefined],
  ['hng', undefined],
]);

/** jieba's part-of-speech tags for people's names. */
const PERSON_NAME_TAGS = new Set(['nr', 'nrfg']);

const SYLLABLE = /^[a-z]+$/;
const HAN_WORD = new RegExp(`^\\p{Script=Han}{1,${MAX_WORD_CHARACTERS}}$`, 'u');

interface JiebaWord {
  text: string;
  frequency: number;
  partOfSpeech: string;
}

interface DictionaryWord {
  text: string;
  readings: string[];
  score: number;
}

function main(): void {
  const jieba = readJiebaWords(path.join(jiebaDir, 'dict.txt'));
  const domainWords = new Set(SERVICE_HALL_WORDS);
  const keptWords = jieba.filter(
    (word) =>
      domainWords.has(word.text) || (word.text.length > 1 && word.frequency >= WORD_MIN_FREQUENCY && !isFullName(word)),
  );
  const words = [...keptWords, ...missingDomainWords(jieba)]
    .filter((word) => isSimplified(word.text))
    .map((word) => ({
      text: word.text,
      readings: wordReadings(word.text),
      score: domainWords.has(word.text) ? DOMAIN_SCORE : scoreOf(word.frequency),
    }));

  const readingsInWords = readingsUsedByWords(words);
  const characters = jieba
    .filter((word) => word.text.length === 1 && word.frequency >= CHARACTER_MIN_FREQUENCY)
    // A character OpenCC folds to another (乾 → 干) is kept only if a Simplified word uses it (乾坤).
    .filter((word) => isSimplified(word.text) || readingsInWords.has(word.text))
    .map((word) => ({
      text: word.text,
      readings: characterReadings(word.text, readingsInWords.get(word.text)),
      score: scoreOf(word.frequency),
    }))
    .filter((character) => character.readings.length > 0);

  // The segmentation table: every syllable pinyin-pro knows for these characters, rare readings included.
  const syllables = new Set(characters.flatMap((character) => typableReadings(character.text)));
  const firstReading = new Map(characters.map((character) => [character.text, character.readings[0]]));
  const typableWords = words.filter(
    (word) => word.readings.length === word.text.length && word.readings.every((reading) => syllables.has(reading)),
  );
  for (const word of SERVICE_HALL_WORDS) {
    if (!typableWords.some((typable) => typable.text === word))
      throw new Error(`service-hall word ${word} has no usable reading`);
  }

  const json = dictionaryJson({
    syllables: [...syllables].sort(),
    characters: byScore(characters).map((character) =>
      [character.text, ...character.readings, character.score].join(' '),
    ),
    words: byScore(typableWords).map((word) => wordLine(word, firstReading)),
    domainWordCount: domainWords.size,
  });
  const bytes = Buffer.byteLength(json);
  if (bytes > MAX_FILE_BYTES) throw new Error(`dictionary is ${bytes} bytes, over the ${MAX_FILE_BYTES} limit`);
  writeFileSync(outputFile, json);
  console.log(
    `${path.relative(root, outputFile)}: ${characters.length} characters, ${typableWords.length} words, ${syllables.size} syllables, ${bytes} bytes`,
  );
}

function readJiebaWords(file: string): JiebaWord[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.split(' '))
    .filter(([text]) => text !== undefined && HAN_WORD.test(text))
    .map(([text, frequency, partOfSpeech]) => ({
      text: text ?? '',
      frequency: Number(frequency),
      partOfSpeech: partOfSpeech ?? '',
    }));
}

function missingDomainWords(jieba: readonly JiebaWord[]): JiebaWord[] {
  const known = new Set(jieba.map((word) => word.text));
  return SERVICE_HALL_WORDS.filter((text) => !known.has(text)).map((text) => ({
    text,
    frequency: 0,
    partOfSpeech: 'n',
  }));
}

/** Three-character person names (郭晶晶, 丁关根) crowd out words in abbreviations (jzz, gjj) and help no one here. */
function isFullName(word: JiebaWord): boolean {
  return word.text.length === 3 && PERSON_NAME_TAGS.has(word.partOfSpeech);
}

/** jieba's list mixes in some Traditional entries (這個); the keyboard offers Simplified, as the search folds to it. */
function isSimplified(text: string): boolean {
  return toSimplified(text) === text;
}

function scoreOf(frequency: number): number {
  return Math.round(4 * Math.log2(frequency + 1));
}

function wordReadings(text: string): string[] {
  return pinyinSyllablesOf(text).map((syllable) => syllable.text);
}

/** Character → the readings it has inside dictionary words (行 → xing in 行动, hang in 银行). */
function readingsUsedByWords(words: readonly DictionaryWord[]): Map<string, Set<string>> {
  const used = new Map<string, Set<string>>();
  for (const word of words) {
    Array.from(word.text).forEach((character, index) => {
      const reading = word.readings[index];
      if (reading === undefined) return;
      const readings = used.get(character) ?? new Set<string>();
      readings.add(reading);
      used.set(character, readings);
    });
  }
  return used;
}

/**
 * The most common reading first, then the rarer readings some word uses (行 hang, 长 zhang); archaic
 * readings no word uses (她 jie) are left out, so 她 is not offered for jie.
 */
function characterReadings(text: string, readingsInWords: ReadonlySet<string> | undefined): string[] {
  const [first, ...others] = typableReadings(text);
  return first === undefined ? [] : [first, ...others.filter((reading) => readingsInWords?.has(reading))];
}

/** pinyin-pro's readings of a character, most common first, without tones and interjection-only ones. */
function typableReadings(text: string): string[] {
  const readings = pinyin(text, { multiple: true, type: 'array', toneType: 'none', v: true })
    .map((reading) => (INTERJECTION_READINGS.has(reading) ? INTERJECTION_READINGS.get(reading) : reading))
    .filter((reading): reading is string => reading !== undefined && SYLLABLE.test(reading));
  return [...new Set(readings)];
}

function byScore<T extends { score: number }>(entries: readonly T[]): T[] {
  return [...entries].sort((a, b) => b.score - a.score);
}

/** Readings are written only when the characters' first readings would be wrong (银行 yin hang). */
function wordLine(word: DictionaryWord, firstReading: ReadonlyMap<string, string | undefined>): string {
  const defaultReadings = Array.from(word.text, (character) => firstReading.get(character));
  const needsReadings = word.readings.some((reading, index) => reading !== defaultReadings[index]);
  return [word.text, word.score, ...(needsReadings ? word.readings : [])].join(' ');
}

function dictionaryJson(parts: {
  syllables: string[];
  characters: string[];
  words: string[];
  domainWordCount: number;
}): string {
  const jiebaVersion = (JSON.parse(readFileSync(path.join(jiebaDir, 'package.json'), 'utf8')) as { version: string })
    .version;
  const header = {
    format:
      'linli-pinyin-dictionary/1: characters "字 reading… score", words "词 score [reading…]" (readings only where a character’s first reading is wrong); score = 4 × log2(frequency + 1), service-hall words ' +
      DOMAIN_SCORE,
    source: `jieba dict.txt from npm @node-rs/jieba ${jiebaVersion}: words of 1–${MAX_WORD_CHARACTERS} Han characters, words with frequency ≥ ${WORD_MIN_FREQUENCY}, characters with frequency ≥ ${CHARACTER_MIN_FREQUENCY}, Simplified only, plus ${parts.domainWordCount} service-hall words`,
    licence: 'jieba word list: MIT, Copyright (c) 2013 Sun Junyi; readings from pinyin-pro (MIT)',
    generatedBy: 'build/scripts/build-pinyin-dictionary.ts',
    characters: parts.characters.length,
    words: parts.words.length,
  };
  // One entry per line keeps the committed file reviewable in diffs.
  const list = (lines: string[]) => `[\n${lines.map((line) => JSON.stringify(line)).join(',\n')}\n]`;
  return `{\n"header": ${JSON.stringify(header, null, 2)},\n"syllables": ${JSON.stringify(parts.syllables)},\n"characters": ${list(parts.characters)},\n"words": ${list(parts.words)}\n}\n`;
}

main();
