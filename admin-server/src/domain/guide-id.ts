/**
 * An id for a new guide from its title: toneless pinyin, a syllable at a time, so 社区居住证明开具 →
 * she-qu-ju-zhu-zheng-ming-kai-ju. (Pairing syllables into words without a word list splits words
 * wrongly — 老年人助餐 → laonian-renzhu-can —; a syllable each is never wrong.)
 * Pure; whether the id is free is the caller's question.
 */
import { pinyin } from 'pinyin-pro';

/** The guide id pattern allows 64 characters; an id is a key, not the title, so shorter reads better. */
const MAX_LENGTH = 48;
const HAN = /\p{Script=Han}/u;
const LATIN_OR_DIGIT = /[a-z0-9]/;

/** The id `title` suggests, or '' when it has nothing to spell (only punctuation). */
export function guideIdOfTitle(title: string): string {
  const words: string[] = [];
  // Runs of Han characters become pinyin words; Latin letters and digits are kept; anything else separates.
  for (const run of title
    .normalize('NFKC')
    .toLowerCase()
    .match(/\p{Script=Han}+|[a-z0-9]+/gu) ?? []) {
    if (!HAN.test(run)) {
      words.push(run);
      continue;
    }
    // The whole run at once lets pinyin-pro read by word (银行 → yin hang).
    const syllables = pinyin(run, { toneType: 'none', type: 'array', v: true }).map((syllable) =>
      [...syllable.toLowerCase()].filter((char) => LATIN_OR_DIGIT.test(char)).join(''),
    );
    words.push(...syllables);
  }
  let id = '';
  for (const word of words.filter(Boolean)) {
    const next = id ? `${id}-${word}` : word;
    if (next.length > MAX_LENGTH) break;
    id = next;
  }
  return id.length >= 2 ? id : '';
}

/** `base`, or base-2, base-3 … : the first that `taken` says is free. */
export async function freeGuideId(base: string, taken: (id: string) => Promise<boolean>): Promise<string> {
  if (!base) return '';
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!(await taken(candidate))) return candidate;
  }
}
