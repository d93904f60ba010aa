// In-memory search over service guides (办事指南): Hanzi, pinyin, initials, aliases, Traditional input.
import { STAGES } from './candidate-stages';
import type { Postings, Stage } from './candidate-stages';
import { BEST_TIER, bestMatch, titleMatchRange } from './guide-match';
import type { PartMatch } from './guide-match';
import { POSTING_LISTS, indexGuide, pinyinFormOf, postingKeysOf } from './indexed-guide';
import type { IndexedGuide, PinyinForm } from './indexed-guide';
import { normalizeQuery, toSourceRange } from './normalize';
import { SlotPostings } from './postings';
import { parseQuery } from './query-parts';
import type { QueryPart } from './query-parts';
import type { GuideIndex, SearchDoc, SearchHit, SearchOptions } from './search-types';

export type { GuideIndex, SearchDoc, SearchField, SearchHit, SearchOptions } from './search-types';

const DEFAULT_LIMIT = 50;

interface GuideMatch extends PartMatch {
  readonly guide: IndexedGuide;
}

/** Tie-break order among guides of equal tier: shorter title, then id. */
interface Ranking {
  readonly rankBySlot: Int32Array;
  readonly slotByRank: Int32Array;
}

export function createGuideIndex(): GuideIndex {
  const guidesBySlot: Array<IndexedGuide | undefined> = [];
  const guidesById = new Map<string, IndexedGuide>();
  const freeSlots: number[] = [];
  const postings = Object.fromEntries(POSTING_LISTS.map((list) => [list, new SlotPostings()])) as Postings;
  // Aliases and keywords (社保, 挂失) repeat across guides, and pinyin-pro costs tens of µs per name.
  // It only grows with content edits, and clear() empties it.
  const pinyinCache = new Map<string, PinyinForm>();
  // Rebuilt on the first search after a change, so bulk loading does not re-sort per guide.
  let ranking: Ranking | null = null;

  function cachedPinyinForm(folded: string): PinyinForm {
    let form = pinyinCache.get(folded);
    if (form === undefined) {
      form = pinyinFormOf(folded);
      pinyinCache.set(folded, form);
    }
    return form;
  }

  function fileUnderKeys(guide: IndexedGuide, file: (list: SlotPostings, key: string) => void): void {
    const keys = postingKeysOf(guide);
    for (const list of POSTING_LISTS) for (const key of keys[list]) file(postings[list], key);
  }

  function remove(id: string): void {
    const guide = guidesById.get(id);
    if (guide === undefined) return;
    fileUnderKeys(guide, (list, key) => list.remove(key, guide.slot));
    guidesBySlot[guide.slot] = undefined;
    guidesById.delete(id);
    freeSlots.push(guide.slot);
    ranking = null;
  }

  function upsert(doc: SearchDoc): void {
    remove(doc.id);
    const guide = indexGuide(doc, freeSlots.pop() ?? guidesBySlot.length, cachedPinyinForm);
    guidesBySlot[guide.slot] = guide;
    guidesById.set(guide.id, guide);
    fileUnderKeys(guide, (list, key) => list.add(key, guide.slot));
    ranking = null;
  }

  function clear(): void {
    guidesBySlot.length = 0;
    guidesById.clear();
    freeSlots.length = 0;
    for (const list of POSTING_LISTS) postings[list].clear();
    pinyinCache.clear();
    ranking = null;
  }

  function search(rawQuery: string, options: SearchOptions = {}): SearchHit[] {
    const limit = options.limit ?? DEFAULT_LIMIT;
    const { parts } = parseQuery(normalizeQuery(rawQuery));
    if (parts.length === 0 || limit <= 0) return [];
    ranking ??= rankGuides(guidesBySlot);
    const staged = new StagedSearch(guidesBySlot, ranking, parts, limit, options.category);
    for (const stage of STAGES) {
      if (staged.runStage(stage, postings) === 'enough') break;
    }
    return staged.topMatches().map((match) => toHit(match, parts));
  }

  return { upsert, remove, clear, size: () => guidesById.size, search };
}

function rankGuides(guidesBySlot: ReadonlyArray<IndexedGuide | undefined>): Ranking {
  const live = guidesBySlot.filter((guide): guide is IndexedGuide => guide !== undefined);
  live.sort((a, b) => a.titleLength - b.titleLength || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const rankBySlot = new Int32Array(guidesBySlot.length).fill(-1);
  live.forEach((guide, rank) => {
    rankBySlot[guide.slot] = rank;
  });
  return { rankBySlot, slotByRank: Int32Array.from(live, (guide) => guide.slot) };
}

const CANDIDATE = 1;
const EARLIER_HIT = 2;

/**
 * Runs the stages of one query. A guide becomes a candidate once every part has found it (AND) and
 * is evaluated once; its score is its weakest part's tier. Within a stage candidates are evaluated
 * in tie-break order, so when `limit` hits reach the stage's best tier nothing left can outrank them.
 */
class StagedSearch {
  readonly #guidesBySlot: ReadonlyArray<IndexedGuide | undefined>;
  readonly #ranking: Ranking;
  readonly #parts: readonly QueryPart[];
  readonly #limit: number;
  readonly #category: string | undefined;
  readonly #foundByPart: Uint8Array[];
  readonly #evaluated: Uint8Array;
  readonly #hitsPerTier = new Array<number>(BEST_TIER + 1).fill(0);
  readonly #matches: GuideMatch[] = [];

  constructor(
    guidesBySlot: ReadonlyArray<IndexedGuide | undefined>,
    ranking: Ranking,
    parts: readonly QueryPart[],
    limit: number,
    category: string | undefined,
  ) {
    this.#guidesBySlot = guidesBySlot;
    this.#ranking = ranking;
    this.#parts = parts;
    this.#limit = limit;
    this.#category = category;
    this.#foundByPart = parts.map(() => new Uint8Array(guidesBySlot.length));
    this.#evaluated = new Uint8Array(guidesBySlot.length);
  }

  runStage(stage: Stage, postings: Postings): 'enough' | 'more' {
    let ahead = this.#hitsAbove(stage.bestTier);
    const candidates = ahead >= this.#limit ? [] : this.#newCandidates(stage, postings);
    if (candidates.length === 0) ahead += this.#hitsPerTier[stage.bestTier] ?? 0;
    else ahead += this.#evaluateInRankOrder(candidates, stage.bestTier, this.#limit - ahead);
    return ahead >= this.#limit ? 'enough' : 'more';
  }

  /** Best tier first, then tie-break rank. */
  topMatches(): GuideMatch[] {
    const { rankBySlot } = this.#ranking;
    const sortKey = (match: GuideMatch): number =>
      (BEST_TIER - match.tier) * rankBySlot.length + (rankBySlot[match.guide.slot] ?? 0);
    return this.#matches
      .map((match) => ({ match, key: sortKey(match) }))
      .sort((a, b) => a.key - b.key)
      .slice(0, this.#limit)
      .map(({ match }) => match);
  }

  /** Guides this stage completes: found by every part now, and not evaluated before. */
  #newCandidates(stage: Stage, postings: Postings): number[] {
    const candidates: number[] = [];
    this.#parts.forEach((part, index) => {
      const found = this.#foundByPart[index];
      if (found === undefined) return;
      for (const slot of stage.candidates(postings, part)) {
        if (found[slot] === 1) continue;
        found[slot] = 1;
        if (this.#evaluated[slot] === 1 || !this.#foundByPart.every((byPart) => byPart[slot] === 1)) continue;
        this.#evaluated[slot] = 1;
        candidates.push(slot);
      }
    });
    return candidates;
  }

  /**
   * Walks the candidates, and the earlier hits already at this tier, in tie-break order until
   * `wanted` of them reach the tier; returns how many did.
   */
  #evaluateInRankOrder(candidates: readonly number[], tier: number, wanted: number): number {
    const { rankBySlot, slotByRank } = this.#ranking;
    const marks = new Uint8Array(slotByRank.length);
    for (const slot of candidates) marks[rankBySlot[slot] ?? -1] = CANDIDATE;
    for (const match of this.#matches) {
      if (match.tier === tier) marks[rankBySlot[match.guide.slot] ?? -1] = EARLIER_HIT;
    }
    let reached = 0;
    for (let rank = 0; rank < marks.length && reached < wanted; rank++) {
      const mark = marks[rank];
      if (mark === EARLIER_HIT || (mark === CANDIDATE && this.#evaluate(slotByRank[rank] ?? -1, tier))) reached++;
    }
    return reached;
  }

  /** Records the guide if every part matches; true when it reached the given tier. */
  #evaluate(slot: number, tier: number): boolean {
    const guide = this.#guidesBySlot[slot];
    if (guide === undefined || (this.#category !== undefined && guide.category !== this.#category)) return false;
    const match = weakestPartMatch(guide, this.#parts);
    if (match === null) return false;
    this.#matches.push({ guide, ...match });
    this.#hitsPerTier[match.tier] = (this.#hitsPerTier[match.tier] ?? 0) + 1;
    return match.tier >= tier;
  }

  #hitsAbove(tier: number): number {
    return this.#hitsPerTier.slice(tier + 1).reduce((sum, count) => sum + count, 0);
  }
}

/** A multi-part query is as good as its weakest part: 社保 in an alias cannot lift 挂失 found only in the body. */
function weakestPartMatch(guide: IndexedGuide, parts: readonly QueryPart[]): PartMatch | null {
  let weakest: PartMatch | null = null;
  for (const part of parts) {
    const match = bestMatch(guide, part);
    if (match === null) return null;
    if (weakest === null || match.tier < weakest.tier) weakest = match;
  }
  return weakest;
}

function toHit({ guide, tier, field }: GuideMatch, parts: readonly QueryPart[]): SearchHit {
  return { id: guide.id, score: tier, field, titleHighlights: titleHighlights(guide, parts) };
}

function titleHighlights(guide: IndexedGuide, parts: readonly QueryPart[]): Array<[number, number]> {
  const offsets = guide.titleSource;
  if (offsets === null) return [];
  const ranges = parts
    .map((part) => titleMatchRange(guide, part))
    .map((range) => (range === null ? null : toSourceRange(offsets, range)))
    .filter((range): range is [number, number] => range !== null)
    .sort((a, b) => a[0] - b[0]);
  return mergeOverlapping(ranges);
}

function mergeOverlapping(sortedRanges: ReadonlyArray<[number, number]>): Array<[number, number]> {
  const merged: Array<[number, number]> = [];
  for (const [start, end] of sortedRanges) {
    const last = merged.at(-1);
    if (last !== undefined && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}
