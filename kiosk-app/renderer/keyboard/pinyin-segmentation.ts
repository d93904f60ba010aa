/**
 * Splits typed pinyin letters into syllable tokens. A token is a whole syllable (bao) or, where the
 * letters cannot be one, the start of a syllable: an abbreviation (the s and b of sb → 社保) or the
 * syllable still being typed (the b of sheb). Several splits can be right (xian → xian | xi an), so
 * every plausible path is returned and the ranking decides.
 */

/** One token: letters[start, end) of the input stand for any of `syllables`. */
export interface SyllableToken {
  readonly start: number;
  readonly end: number;
  /** True when the letters are a whole syllable; false for an abbreviation or an unfinished syllable. */
  readonly whole: boolean;
  /** The first letter of every syllable in `syllables`. */
  readonly initial: string;
  readonly syllables: ReadonlySet<string>;
}

/** Tokens from the start of the input up to `end` (the position after the last token and any apostrophes). */
export interface TokenPath {
  readonly tokens: readonly SyllableToken[];
  readonly end: number;
}

export interface PinyinSegmenter {
  /** Every path of 1..maxTokens tokens from the start; the caller sees which ones reach the end. */
  paths(letters: string, maxTokens: number): TokenPath[];
}

export const SYLLABLE_SEPARATOR = "'";

/** Spellings residents type for ü besides v (lue for 略); the dictionary writes lve. */
const ALTERNATIVE_SPELLINGS: ReadonlyArray<readonly [typed: string, syllable: string]> = [
  ['lue', 'lve'],
  ['nue', 'nve'],
];

export function createPinyinSegmenter(syllables: readonly string[]): PinyinSegmenter {
  const known = new Set(syllables);
  const spellings = new Map<string, string>(syllables.map((syllable) => [syllable, syllable]));
  for (const [typed, syllable] of ALTERNATIVE_SPELLINGS) if (known.has(syllable)) spellings.set(typed, syllable);

  // Every prefix of every spelling → the syllables it may begin (s → sa, sha, shi, …).
  const syllablesByPrefix = new Map<string, Set<string>>();
  for (const [spelling, syllable] of spellings) {
    for (let length = 1; length <= spelling.length; length++) {
      const prefix = spelling.slice(0, length);
      const group = syllablesByPrefix.get(prefix) ?? new Set<string>();
      group.add(syllable);
      syllablesByPrefix.set(prefix, group);
    }
  }
  const longestSpelling = Math.max(...[...spellings.keys()].map((spelling) => spelling.length));
  const canContinue = (letters: string) => syllablesByPrefix.has(letters);

  function tokensAt(input: string, start: number, previous: SyllableToken | undefined): SyllableToken[] {
    const tokens: SyllableToken[] = [];
    for (let end = start + 1; end <= Math.min(start + longestSpelling, input.length); end++) {
      const letters = input.slice(start, end);
      const group = syllablesByPrefix.get(letters);
      if (!group) break;
      const syllable = spellings.get(letters);
      if (syllable !== undefined) {
        tokens.push({ start, end, whole: true, initial: syllable[0] ?? '', syllables: new Set([syllable]) });
      } else if (isPlausiblePartial(input, start, end, previous)) {
        tokens.push({ start, end, whole: false, initial: letters[0] ?? '', syllables: group });
      }
    }
    return tokens;
  }

  /**
   * A partial token must take every letter it can (so shebao is never s|h|e…), and must not start
   * where the previous syllable could have taken its letter (so xian is never xia|n).
   */
  function isPlausiblePartial(input: string, start: number, end: number, previous: SyllableToken | undefined): boolean {
    const next = input[end];
    if (next !== undefined && next !== SYLLABLE_SEPARATOR && canContinue(input.slice(start, end + 1))) return false;
    return !(previous && previous.end === start && canContinue(input.slice(previous.start, start + 1)));
  }

  return {
    paths(input, maxTokens) {
      const finishable = new Map<string, boolean>();
      const canFinish = (position: number, previous: SyllableToken | undefined): boolean => {
        const start = skipSeparators(input, position);
        if (start === input.length) return true;
        const key = `${start}:${previous?.start ?? -1}`;
        let result = finishable.get(key);
        if (result === undefined) {
          result = tokensAt(input, start, previous).some((token) => canFinish(token.end, token));
          finishable.set(key, result);
        }
        return result;
      };
      // With a typo somewhere nothing reaches the end; offer what the leading letters spell anyway.
      const mustFinish = canFinish(0, undefined);

      const paths: TokenPath[] = [];
      const walk = (position: number, tokens: readonly SyllableToken[]) => {
        for (const token of tokensAt(input, position, tokens.at(-1))) {
          if (mustFinish && !canFinish(token.end, token)) continue;
          const path = { tokens: [...tokens, token], end: skipSeparators(input, token.end) };
          paths.push(path);
          if (path.tokens.length < maxTokens && path.end < input.length) walk(path.end, path.tokens);
        }
      };
      walk(skipSeparators(input, 0), []);
      return paths;
    },
  };
}

function skipSeparators(input: string, position: number): number {
  let end = position;
  while (input[end] === SYLLABLE_SEPARATOR) end++;
  return end;
}
