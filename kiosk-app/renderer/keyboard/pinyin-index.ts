/**
 * Reads the committed pinyin dictionary (built by build/scripts/build-pinyin-dictionary.ts; its
 * header describes the format) into entries grouped by the first letters of their syllables, so
 * sb, shebao and sheb all look in the same small group.
 */

/** The shape of pinyin-dictionary.json. */
export interface PinyinDictionary {
  readonly syllables: readonly string[];
  /** `字 reading… score`, most common reading first. */
  readonly characters: readonly string[];
  /** `词 score [reading…]`; readings only where the characters' first readings are wrong. */
  readonly words: readonly string[];
}

export interface DictionaryEntry {
  readonly text: string;
  readonly syllables: readonly string[];
  /** Higher is more likely; 4 × log2(frequency), service-hall words above all. */
  readonly score: number;
}

export interface PinyinIndex {
  readonly syllables: readonly string[];
  /** The most syllables any entry has: paths longer than this cannot match. */
  readonly maxSyllables: number;
  /** Entries whose syllables begin with these letters (sb → 社保, 设备, …). */
  entriesByInitials(initials: string): readonly DictionaryEntry[];
}

/** A character's rarer readings (行 hang, 长 zhang) rank below its usual one: about a sixteenth as likely. */
const OTHER_READING_PENALTY = 16;

/**
 * Characters are read at once (10k lines); word lines are only sorted into groups and read when a
 * group is first asked for, which keeps opening the keyboard's first pinyin under ~50 ms.
 */
export function indexPinyinDictionary(dictionary: PinyinDictionary): PinyinIndex {
  const characterGroups = new Map<string, DictionaryEntry[]>();
  const firstReadings = new Map<string, string>();
  for (const line of dictionary.characters) {
    const [text = '', ...rest] = line.split(' ');
    const score = Number(rest.pop());
    rest.forEach((reading, index) => {
      addTo(characterGroups, reading[0] ?? '', {
        text,
        syllables: [reading],
        score: index === 0 ? score : score - OTHER_READING_PENALTY,
      });
    });
    if (rest[0] !== undefined) firstReadings.set(text, rest[0]);
  }

  const wordLineGroups = new Map<string, string[]>();
  for (const line of dictionary.words) {
    const initials = wordInitials(line, firstReadings);
    if (initials !== undefined) addTo(wordLineGroups, initials, line);
  }
  const wordGroups = new Map<string, DictionaryEntry[]>();

  return {
    syllables: dictionary.syllables,
    maxSyllables: [...wordLineGroups.keys()].reduce((most, initials) => Math.max(most, initials.length), 1),
    entriesByInitials(initials) {
      const characters = characterGroups.get(initials);
      if (characters) return characters;
      let words = wordGroups.get(initials);
      if (!words) {
        words = (wordLineGroups.get(initials) ?? []).map((line) => parseWordLine(line, firstReadings));
        wordGroups.set(initials, words);
      }
      return words;
    },
  };
}

/** First letters of a word line's syllables; undefined if a character has no known reading. */
function wordInitials(line: string, firstReadings: ReadonlyMap<string, string>): string | undefined {
  const textEnd = line.indexOf(' ');
  const readingsStart = line.indexOf(' ', textEnd + 1);
  if (readingsStart !== -1)
    return line
      .slice(readingsStart + 1)
      .split(' ')
      .map((reading) => reading[0])
      .join('');
  let initials = '';
  for (const character of line.slice(0, textEnd)) {
    const reading = firstReadings.get(character);
    if (reading === undefined) return undefined;
    initials += reading[0];
  }
  return initials;
}

function parseWordLine(line: string, firstReadings: ReadonlyMap<string, string>): DictionaryEntry {
  const [text = '', score, ...readings] = line.split(' ');
  const syllables =
    readings.length > 0 ? readings : Array.from(text, (character) => firstReadings.get(character) ?? '');
  return { text, syllables, score: Number(score) };
}

function addTo<T>(groups: Map<string, T[]>, key: string, item: T): void {
  const group = groups.get(key);
  if (group) group.push(item);
  else groups.set(key, [item]);
}
