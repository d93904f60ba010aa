// Inverted lists from a key (a character) to the ids of what holds it (names, in the name dictionary).

const EMPTY: readonly number[] = [];

/**
 * Per key, ascending slots, so lists intersect by binary search and remove without scanning. Most
 * keys have one slot, kept as a bare number; lists grown one by one keep spare room, which
 * `compact` gives back (the index calls it before a search that follows changes).
 */
export class SlotPostings {
  readonly #lists = new Map<string, number | number[]>();
  #grown = false;

  add(key: string, slot: number): void {
    const list = this.#lists.get(key);
    if (list === undefined) this.#lists.set(key, slot);
    else if (typeof list === 'number') {
      if (list !== slot) this.#lists.set(key, list < slot ? [list, slot] : [slot, list]);
    } else {
      this.#grown = true;
      if (list[list.length - 1]! < slot) list.push(slot);
      else {
        const at = lowerBound(list, slot);
        if (list[at] !== slot) list.splice(at, 0, slot);
      }
    }
  }

  remove(key: string, slot: number): void {
    const list = this.#lists.get(key);
    if (list === undefined) return;
    if (typeof list === 'number') {
      if (list === slot) this.#lists.delete(key);
      return;
    }
    const at = lowerBound(list, slot);
    if (list[at] === slot) list.splice(at, 1);
    if (list.length === 1) this.#lists.set(key, list[0]!);
  }

  get(key: string): readonly number[] {
    const list = this.#lists.get(key);
    return list === undefined ? EMPTY : typeof list === 'number' ? [list] : list;
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

  /** Copies each grown list to one of its size: a list grown by one keeps room for many more. */
  compact(): void {
    if (!this.#grown) return;
    for (const [key, list] of this.#lists) if (typeof list !== 'number') this.#lists.set(key, list.slice());
    this.#grown = false;
  }

  clear(): void {
    this.#lists.clear();
  }
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
