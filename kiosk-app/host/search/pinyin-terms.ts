// Toneless pinyin of guide names, computed once at index time (pinyin-pro is far too slow per query).
import { pinyin } from 'pinyin-pro';

/**
 * Word readings that pinyin-pro 3.29.4 gets wrong in service vocabulary (还款 → hai kuan, 单亲家庭 →
 * dan qing, 重置 → zhong zhi), plus common words pinned so a future segmentation change cannot hide
 * a guide. Surname readings (单 → shan, 曾 → zeng) are left out: guide names contain no people.
 */
const READING_OVERRIDES: ReadonlyArray<readonly [word: string, readings: readonly string[]]> = [
  ['还款', ['huan', 'kuan']],
  ['还贷', ['huan', 'dai']],
  ['重新', ['chong', 'xin']],
  ['重办', ['chong', 'ban']],
  ['重置', ['chong', 'zhi']],
  ['银行', ['yin', 'hang']],
  ['长者', ['zhang', 'zhe']],
  ['单亲', ['dan', 'qin']],
];

const OVERRIDES_BY_FIRST_CHAR = groupByFirstChar(READING_OVERRIDES);

const SEARCHABLE_READING = /^[a-z0-9]+$/;

/** One syllable (or passed-through digit/letter) and the UTF-16 range of its character in the text. */
export interface PinyinSyllable {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** Full toneless pinyin without spaces (居住证 → juzhuzheng) and initials (jzz); ü is written v. */
export function pinyinTermsOf(text: string): { full: string; initials: string } {
  const syllables = pinyinSyllablesOf(text);
  return {
    full: syllables.map((syllable) => syllable.text).join(''),
    initials: syllables.map((syllable) => syllable.text[0]).join(''),
  };
}

/** Digits and Latin letters pass through lower-cased; whitespace and punctuation are dropped. */
export function pinyinSyllablesOf(text: string): PinyinSyllable[] {
  const chars = Array.from(text);
  const readings = overrideReadings(chars, readingsPerChar(text, chars));
  const syllables: PinyinSyllable[] = [];
  let offset = 0;
  chars.forEach((char, index) => {
    const reading = (readings[index] ?? char).toLowerCase();
    if (SEARCHABLE_READING.test(reading)) syllables.push({ text: reading, start: offset, end: offset + char.length });
    offset += char.length;
  });
  return syllables;
}

function readingsPerChar(text: string, chars: readonly string[]): string[] {
  // Whole-text conversion lets pinyin-pro choose readings by word (银行 → hang). It returns one entry
  // per code point; should a future version group characters, fall back to per-character readings.
  const readings = pinyin(text, { toneType: 'none', type: 'array', v: true });
  if (readings.length === chars.length) return readings;
  return chars.map((char) => pinyin(char, { toneType: 'none', type: 'array', v: true })[0] ?? char);
}

function overrideReadings(chars: readonly string[], readings: string[]): string[] {
  chars.forEach((char, index) => {
    for (const [word, wordReadings] of OVERRIDES_BY_FIRST_CHAR.get(char) ?? []) {
      if (chars.slice(index, index + word.length).join('') === word) {
        readings.splice(index, wordReadings.length, ...wordReadings);
      }
    }
  });
  return readings;
}

function groupByFirstChar<T extends readonly [string, unknown]>(entries: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const entry of entries) {
    const first = entry[0][0] ?? '';
    groups.set(first, [...(groups.get(first) ?? []), entry]);
  }
  return groups;
}
