/**
 * Every distinct name of the guides (titles, aliases, keywords, folded) once, with its pinyin and
 * the guides that carry it. The posting lists find names, not guides: 社保 on 2,000 guides is
 * filed and read out once, which keeps the index small (a posting per name, not per guide and name)
 * and its build fast (pinyin once per name).
 */
import { syllableStartingAt } from './indexed-guide';
import type { KnownName, PinyinForm } from './indexed-guide';
import { SlotPostings } from './postings';
import type { QueryPart } from './query-parts';

interface NameEntry extends KnownName {
  readonly id: number;
  /** Slots of the guides carrying this name. */
  readonly guides: Set<number>;
}

export interface NameDictionary {
  /** The one copy of a folded name and its pinyin, computed once while any guide carries it. */
  known(name: string): KnownName;
  /** Records that the guide in `slot` carries the folded `name`. */
  add(name: string, slot: number): void;
  /** The guide in `slot` no longer carries `name`; a name no guide carries is forgotten. */
  remove(name: string, slot: number): void;
  /** How many guides carry the name (at least 1). */
  frequency(name: string): number;
  /** Slots of the guides with a name the part may match (a superset the scoring checks). */
  candidates(part: QueryPart): Set<number>;
  /** Gives back the spare room lists keep after changes (before a search). */
  compact(): void;
  clear(): void;
}

export function createNameDictionary(pinyinFormOf: (name: string) => PinyinForm): NameDictionary {
  const entries = new Map<string, NameEntry>();
  const byId: Array<NameEntry | undefined> = [];
  const freeIds: number[] = [];
  /**
   * Names by each of their characters. Pinyin and initials are looked for by one pass over the
   * distinct names when a query is Latin (a millisecond for 20,000 names): filing every prefix of
   * every reading was most of the index's memory.
   */
  const characters = new SlotPostings();
  /** Names asked for before a guide is recorded as carrying them. */
  const pending = new Map<string, KnownName>();

  const charactersOf = (name: string) => [...new Set(name)].filter((char) => char !== ' ');

  /** Whether the name's initials or pinyin start with the text, or its pinyin does at a later syllable. */
  function readsAs(form: PinyinForm, { text, allConsonants }: QueryPart): boolean {
    if ((allConsonants && form.initials.startsWith(text)) || form.full.startsWith(text)) return true;
    for (let at = form.full.indexOf(text, 1); at > 0; at = form.full.indexOf(text, at + 1))
      if (syllableStartingAt(form, at) >= 0) return true;
    return false;
  }

  function guidesOf(ids: readonly number[], into: Set<number>): void {
    for (const id of ids) for (const slot of byId[id]?.guides ?? []) into.add(slot);
  }

  return {
    known(name) {
      const found = entries.get(name) ?? pending.get(name);
      if (found) return found;
      const fresh = { name, form: pinyinFormOf(name) };
      pending.set(name, fresh);
      return fresh;
    },
    add(name, slot) {
      let entry = entries.get(name);
      if (!entry) {
        const { name: canonical, form } = pending.get(name) ?? { name, form: pinyinFormOf(name) };
        pending.delete(name);
        entry = { id: freeIds.pop() ?? byId.length, name: canonical, form, guides: new Set() };
        entries.set(canonical, entry);
        byId[entry.id] = entry;
        const id = entry.id;
        for (const char of charactersOf(canonical)) characters.add(char, id);
      }
      entry.guides.add(slot);
    },
    remove(name, slot) {
      const entry = entries.get(name);
      if (!entry) return;
      entry.guides.delete(slot);
      if (entry.guides.size > 0) return;
      for (const char of charactersOf(name)) characters.remove(char, entry.id);
      entries.delete(name);
      byId[entry.id] = undefined;
      freeIds.push(entry.id);
    },
    frequency: (name) => Math.max(1, entries.get(name)?.guides.size ?? 1),
    candidates(part) {
      const found = new Set<number>();
      // Every character of the text in the name: it holds the text, or abbreviates to it (低保 in 最低生活保障).
      guidesOf(characters.getAll(charactersOf(part.text)), found);
      if (part.kind !== 'latin') return found;
      for (const entry of entries.values()) {
        if (readsAs(entry.form, part)) for (const slot of entry.guides) found.add(slot);
      }
      return found;
    },
    compact: () => characters.compact(),
    clear() {
      entries.clear();
      byId.length = 0;
      freeIds.length = 0;
      pending.clear();
      characters.clear();
    },
  };
}
