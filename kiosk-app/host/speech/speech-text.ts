/**
 * Turns Chinese text into what espeak-ng's Mandarin voice `cmn-latn-pinyin` reads well: pinyin
 * syllables with tone numbers. The plain `cmn` voice reads characters with English tone digits.
 */
import { pinyin } from 'pinyin-pro';
import { spokenNumbers } from './spoken-numbers';

/** Words whose reading pinyin-pro gets wrong in service texts (还款 is huán, not hái). */
const TONE_OVERRIDES: ReadonlyArray<readonly [string, string]> = [
  ['还款', 'huan2 kuan3'],
  ['还贷', 'huan2 dai4'],
  ['重新', 'chong2 xin1'],
  ['重办', 'chong2 ban4'],
  ['银行', 'yin2 hang2'],
  ['长者', 'zhang3 zhe3'],
];

const DIGITS = '零一二三四五六七八九';
/** Sentence and clause marks become pauses; everything else that is not speech is dropped. */
const PAUSES = /[。！？；：，、,.!?;:\n]+/g;

export function speechTextOf(text: string): string {
  // Numbers as people say them first (三十日内, 八点三十到十一点三十); any figure left, one by one.
  const withDigits = spokenNumbers(text).replace(/[0-9]/g, (digit) => DIGITS[Number(digit)]!);
  return withDigits
    .split(PAUSES)
    .map((clause) => clauseToPinyin(clause))
    .filter(Boolean)
    .join(', ');
}

function clauseToPinyin(clause: string): string {
  let marked = clause;
  TONE_OVERRIDES.forEach(([word], index) => {
    marked = marked.split(word).join(`\u0000${index}\u0000`);
  });
  return marked
    .split('\u0000')
    .map((part, position) => (position % 2 === 1 ? TONE_OVERRIDES[Number(part)]![1] : syllables(part)))
    .filter(Boolean)
    .join(' ');
}

function syllables(text: string): string {
  const chinese = text.replace(/[^\u3400-\u9fff]/g, ' ').trim();
  if (!chinese) return '';
  return pinyin(chinese, { toneType: 'num', type: 'array', v: true })
    .filter((syllable) => /^[a-zü]+[0-5]$/.test(syllable))
    .map((syllable) => syllable.replace(/0$/, '5'))
    .join(' ');
}
