/**
 * The pinyin input method behind the on-screen keyboard: letters in, ranked Hanzi candidates out.
 * Pure (no DOM), so it is tested directly and could move into a worker.
 *
 * Ranking, in the order a resident expects:
 *   1. words that spell the whole input (shebao → 社保), by score, service-hall words first;
 *   2. words that spell its first syllables (shebaoka → 社保, leaving ka), longest first;
 *   3. single characters for its first syllable (she → 社 设 …).
 */
import { indexPinyinDictionary, type PinyinDictionary, type PinyinIndex } from './pinyin-index';
import {
  createPinyinSegmenter,
  SYLLABLE_SEPARATOR,
  type PinyinSegmenter,
  type SyllableToken,
  type TokenPath,
} from './pinyin-segmentation';

export type { PinyinDictionary } from './pinyin-index';

export interface CandidatePage {
  readonly items: string[];
  readonly hasMore: boolean;
}

export interface ChooseResult {
  /** Text for the input field now: each choice is committed at once, so a search updates as it goes. */
  readonly committed: string;
  /** Letters still composing (ka after choosing 社保 for shebaoka); empty when the input is used up. */
  readonly remaining: string;
}

export interface PinyinIme {
  /** Adds a letter (either case) or an apostrophe that forces a syllable break (xi'an); ignores anything else. */
  type(letter: string): void;
  backspace(): void;
  /** The letters being composed, as typed. */
  composing(): string;
  candidates(page?: number): CandidatePage;
  /** Chooses by position in the whole ranked list (page × page size + position on the page). */
  choose(index: number): ChooseResult;
  clear(): void;
}

export interface PinyinImeOptions {
  readonly pageSize?: number;
}

const DEFAULT_PAGE_SIZE = 8;

/**
 * A word that spells several syllables of the input is what the resident meant more often than its
 * raw frequency says against single characters (xian: 西安 next to 先, not after thirty characters).
 */
const WORD_BONUS = 12;
/** Each abbreviated or unfinished syllable makes a match less certain than a whole one. */
const PARTIAL_SYLLABLE_PENALTY = 4;

const TYPABLE = /^[a-z']$/i;

interface Candidate {
  readonly text: string;
  /** Position in the letters after the last one this candidate uses. */
  readonly end: number;
  readonly rank: readonly [tier: number, lettersUsed: number, score: number];
}

interface Engine {
  readonly index: PinyinIndex;
  readonly segmenter: PinyinSegmenter;
}

// Indexing takes tens of milliseconds; do it once per dictionary, not per keyboard shown.
const engines = new WeakMap<PinyinDictionary, Engine>();

export function createPinyinIme(dictionary: PinyinDictionary, options: PinyinImeOptions = {}): PinyinIme {
  const engine = engineFor(dictionary);
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  let letters = '';
  let ranked: Candidate[] | undefined;

  const setLetters = (next: string) => {
    letters = next;
    ranked = undefined;
  };
  const candidateList = () => (ranked ??= rankCandidates(engine, letters.toLowerCase()));

  return {
    type(letter) {
      if (!TYPABLE.test(letter)) return;
      // A separator only makes sense between letters.
      if (letter === SYLLABLE_SEPARATOR && (letters === '' || letters.endsWith(SYLLABLE_SEPARATOR))) return;
      setLetters(letters + letter);
    },
    backspace() {
      setLetters(letters.slice(0, -1));
    },
    composing: () => letters,
    candidates(page = 0) {
      const list = candidateList();
      const start = page * pageSize;
      return {
        items: list.slice(start, start + pageSize).map((candidate) => candidate.text),
        hasMore: list.length > start + pageSize,
      };
    },
    choose(index) {
      const candidate = candidateList()[index];
      if (!candidate) return { committed: '', remaining: letters };
      setLetters(letters.slice(candidate.end).replace(/^'+/, ''));
      return { committed: candidate.text, remaining: letters };
    },
    clear() {
      setLetters('');
    },
  };
}

function engineFor(dictionary: PinyinDictionary): Engine {
  let engine = engines.get(dictionary);
  if (!engine) {
    const index = indexPinyinDictionary(dictionary);
    engine = { index, segmenter: createPinyinSegmenter(index.syllables) };
    engines.set(dictionary, engine);
  }
  return engine;
}

function rankCandidates(engine: Engine, input: string): Candidate[] {
  if (input.replaceAll(SYLLABLE_SEPARATOR, '') === '') return [];
  const paths = engine.segmenter.paths(input, engine.index.maxSyllables);
  const leadsToPreferredSplit = preferredSplitPrefixes(paths, input.length);
  const best = new Map<string, Candidate>();
  for (const path of paths) {
    const whole = path.end === input.length;
    if (!whole && !leadsToPreferredSplit(path)) continue;
    for (const candidate of candidatesOnPath(engine.index, path, whole)) {
      const known = best.get(candidate.text);
      if (!known || compareRanks(candidate, known) < 0) best.set(candidate.text, candidate);
    }
  }
  return [...best.values()].sort(compareRanks);
}

/**
 * Words for the first syllables come only from the splits of the whole input into the fewest
 * syllables: jiedao is jie|dao, so 饥饿 (ji|e) is not offered for its first letters, while xian still
 * offers 西安 because it spells the whole input. With a typo nothing spells the whole input, and
 * every split of the leading letters counts.
 */
function preferredSplitPrefixes(paths: readonly TokenPath[], inputLength: number): (path: TokenPath) => boolean {
  const wholePaths = paths.filter((path) => path.end === inputLength);
  if (wholePaths.length === 0) return () => true;
  const fewest = Math.min(...wholePaths.map((path) => path.tokens.length));
  const prefixes = new Set(
    wholePaths
      .filter((path) => path.tokens.length === fewest)
      .flatMap((path) => path.tokens.map((_, i) => splitKey(path.tokens.slice(0, i + 1)))),
  );
  return (path) => prefixes.has(splitKey(path.tokens));
}

function splitKey(tokens: readonly SyllableToken[]): string {
  return tokens.map((token) => token.end).join(',');
}

function candidatesOnPath(index: PinyinIndex, path: TokenPath, whole: boolean): Candidate[] {
  const { tokens, end } = path;
  const initials = tokens.map((token) => token.initial).join('');
  const matches = index
    .entriesByInitials(initials)
    .filter((entry) => entry.syllables.every((syllable, i) => tokens[i]?.syllables.has(syllable)));
  const partials = tokens.filter((token) => !token.whole).length;
  return matches.map((entry) => {
    if (whole) {
      const score = entry.score + (tokens.length > 1 ? WORD_BONUS : 0) - PARTIAL_SYLLABLE_PENALTY * partials;
      return { text: entry.text, end, rank: [0, end, score] };
    }
    return { text: entry.text, end, rank: [tokens.length > 1 ? 1 : 2, end, entry.score] };
  });
}

/** Tier first, then (for leading-syllable words) the longer match, then the score. */
function compareRanks(a: Candidate, b: Candidate): number {
  const [tierA, usedA, scoreA] = a.rank;
  const [tierB, usedB, scoreB] = b.rank;
  return tierA - tierB || usedB - usedA || scoreB - scoreA;
}
