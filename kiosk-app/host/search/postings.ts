// Inverted lists from a key (a character gram, a name, a prefix) to the slots of the guides holding it.

const EMPTY: readonly number[] = [];

/** Per key, ascending guide slots, so lists intersect by binary search and remove without scanning. */
export class SlotPostings {
  readonly #lists = new Map<string, number[]>();

  add(key: string, slot: number): void {
    const list = this.#lists.get(key);
    if (list === undefined) {
      this.#lists.set(key, [slot]);
    } else if ((list.at(-1) ?? -1) < slot) {
      list.push(slot);
    } else {
      const at = lowerBound(list, slot);
      if (list[at] !== slot) list.splice(at, 0, slot);
    }
  }

  remove(key: string, slot: number): void {
    const list = this.#lists.get(key);
    if (list === undefined) return;
    const at = lowerBound(list, slot);
    if (list[at] === slot) list.splice(at, 1);
    if (list.length === 0) this.#lists.delete(key);
  }

  get(key: string): readonly number[] {
    return this.#lists.get(key) ?? EMPTY;
  }

  /** Slots holding every key; starts from the shortest list to keep the intersection cheap. */
  getAll(keys: readonly string[]): readonly number[] {
    const lists = keys.map((key) => this.get(key)).sort((a, b) => a.length - b.length);
    let result = lists[0] ?? EMPTY;
    for (const list of lists.slice(1)) {
      if (result.length === 0) break;
      result = result.filter((slot) => list[lowerBound(list, slot)] === slot);
    }
    return result;
  }

  clear(): void {
    this.#lists.clear();
  }
}

/** Unigrams and bigrams of code points; whitespace separates words, so no gram spans it. */
export function addCharGrams(text: string, into: Set<string>): void {
  let previous = '';
  for (const char of text) {
    if (char === ' ') {
      previous = '';
      continue;
    }
    into.add(char);
    if (previous !== '') into.add(previous + char);
    previous = char;
  }
}

/**
 * Keys that find every text containing the query: its single character, or all its bigrams
 * (the caller verifies, since bigrams can occur in another order: 保卡社 holds 社保 and 保卡).
 */
export function queryGramsOf(query: string): string[] {
  const chars = Array.from(query);
  if (chars.length === 1) return chars;
  return chars.slice(1).map((char, index) => `${chars[index] ?? ''}${char}`);
}

/** Adds the first 1..maxChars code points of text as keys; longer queries look up their first maxChars. */
export function addLeadingKeys(text: string, maxChars: number, into: Set<string>): void {
  let key = '';
  let count = 0;
  for (const char of text) {
    if (count === maxChars) break;
    key += char;
    count++;
    into.add(key);
  }
}

/** The key under which addLeadingKeys filed every text that starts with the query. */
export function leadingKeyOf(query: string, maxChars: number): string {
  return Array.from(query).slice(0, maxChars).join('');
}

function lowerBound(list: readonly number[], value: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((list[middle] ?? Infinity) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
