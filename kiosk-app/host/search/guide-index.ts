// In-memory search over service guides (办事指南): Hanzi, pinyin, initials, aliases, Traditional
// input, everyday phrasing and homophone slips, ranked by the scoring function of guide-match.ts.
import { BODY_EVIDENCE, partMatch, titleMatchRange } from './guide-match';
import type { NameFrequency } from './guide-match';
import { indexGuide, pinyinFormOf } from './indexed-guide';
import type { IndexedGuide } from './indexed-guide';
import { createNameDictionary } from './name-dictionary';
import { normalizeQuery, sourceOffsetsOf, toSourceRange } from './normalize';
import { soughtPartsOf, toPart } from './query-parts';
import type { QueryPart, SoughtPart } from './query-parts';
import type { GuideIndex, SearchDoc, SearchField, SearchHit, SearchOptions } from './search-types';

export type { GuideIndex, SearchDoc, SearchField, SearchHit, SearchOptions } from './search-types';

const DEFAULT_LIMIT = 50;
/** Found by only some of the words typed: listed, after a note, at half their score. */
const PARTIAL_FACTOR = 0.5;
/** How much how often a guide is opened can add: enough to order near-equals, never to beat a better match. */
const POPULARITY_WEIGHT = 0.05;

/** The parts a guide's text holds (the alternative that found each) and their weights, summed. */
interface TextMatch {
  matched: QueryPart[];
  weight: number;
}

interface ScoredGuide {
  readonly guide: IndexedGuide;
  readonly score: number;
  /** Parts matched by a name (title, alias, keyword) rather than the text: these guides come first. */
  readonly namedParts: number;
  readonly field: SearchField;
  /** The alternatives that matched, one per matched part (for highlights). */
  readonly matched: readonly QueryPart[];
}

export function createGuideIndex(): GuideIndex {
  const guidesBySlot: Array<IndexedGuide | undefined> = [];
  const guidesById = new Map<string, IndexedGuide>();
  const freeSlots: number[] = [];
  const names = createNameDictionary(pinyinFormOf);
  const frequency: NameFrequency = names.frequency;
  /** Views per guide id, set from usage; popularity is views relative to the most viewed. */
  let views: ReadonlyMap<string, number> = new Map();
  let popularityScale = 0;

  const namesOf = (guide: IndexedGuide) =>
    new Set([guide.title, ...[...guide.aliases, ...guide.keywords].map((known) => known.name)]);

  function remove(id: string): void {
    const guide = guidesById.get(id);
    if (guide === undefined) return;
    for (const name of namesOf(guide)) names.remove(name, guide.slot);
    guidesBySlot[guide.slot] = undefined;
    guidesById.delete(id);
    freeSlots.push(guide.slot);
  }

  function upsert(doc: SearchDoc): void {
    remove(doc.id);
    const guide = indexGuide(doc, freeSlots.pop() ?? guidesBySlot.length, names.known);
    guidesBySlot[guide.slot] = guide;
    guidesById.set(guide.id, guide);
    for (const name of namesOf(guide)) names.add(name, guide.slot);
  }

  function clear(): void {
    guidesBySlot.length = 0;
    guidesById.clear();
    freeSlots.length = 0;
    names.clear();
  }

  /** Slots of the guides whose text holds the part: a scan, run only when names found too few. */
  function bodyCandidatesOf(part: QueryPart): number[] {
    if (part.kind === 'latin') return [];
    const found: number[] = [];
    guidesBySlot.forEach((guide, slot) => {
      if (guide?.body.includes(part.text)) found.push(slot);
    });
    return found;
  }

  function setViews(next: ReadonlyMap<string, number>): void {
    views = next;
    const most = Math.max(0, ...next.values());
    popularityScale = most > 0 ? 1 / Math.log1p(most) : 0;
  }

  /**
   * The guides at least `atLeast` parts match, scored. Guides found by name come first; the text is
   * searched only when names give fewer than `limit` (it can only add guides after them).
   */
  function scoreGuides(parts: readonly SoughtPart[], atLeast: number, limit: number, category?: string): ScoredGuide[] {
    const byName = partsFound(parts, names.candidates);
    const scored: ScoredGuide[] = [];
    const consider = (slot: number) => {
      const guide = guidesBySlot[slot];
      if (guide === undefined || (category !== undefined && guide.category !== category)) return;
      const result = scoreGuide(guide, parts, atLeast);
      if (result) scored.push(result);
    };
    for (const [slot, count] of byName) if (count >= atLeast) consider(slot);
    if (scored.filter((result) => result.namedParts >= atLeast).length >= limit) return scored;
    // A guide may match some parts by name and the rest only in its text; scoring checks each part.
    // One that no part finds by name at all matches only in its text: its score follows from what
    // the scan found, without matching it again (社区 is in the text of nearly every guide).
    for (const [slot, inText] of textMatches(parts)) {
      const named = byName.get(slot) ?? 0;
      if (named >= atLeast || named + inText.matched.length < atLeast) continue;
      if (named > 0) consider(slot);
      else {
        const guide = guidesBySlot[slot];
        if (guide === undefined || (category !== undefined && guide.category !== category)) continue;
        scored.push(scoredByText(guide, inText, parts.length));
      }
    }
    return scored;
  }

  /** Per guide slot, the parts its text holds: the best-weighted alternative of each. */
  function textMatches(parts: readonly SoughtPart[]): Map<number, TextMatch> {
    const found = new Map<number, TextMatch>();
    for (const part of parts) {
      const best = new Map<number, { part: QueryPart; weight: number }>();
      for (const { part: alternative, weight } of part.alternatives) {
        for (const slot of bodyCandidatesOf(alternative)) {
          const known = best.get(slot);
          if (!known || weight > known.weight) best.set(slot, { part: alternative, weight });
        }
      }
      for (const [slot, { part: alternative, weight }] of best) {
        const match = found.get(slot) ?? { matched: [], weight: 0 };
        match.matched.push(alternative);
        match.weight += weight;
        found.set(slot, match);
      }
    }
    return found;
  }

  /** What scoreGuide gives a guide whose names hold none of the parts (each part: text evidence × weight). */
  function scoredByText(guide: IndexedGuide, inText: TextMatch, partCount: number): ScoredGuide {
    const partial = inText.matched.length < partCount ? PARTIAL_FACTOR : 1;
    return {
      guide,
      score: ((BODY_EVIDENCE * inText.weight) / partCount) * partial + POPULARITY_WEIGHT * popularityOf(guide),
      namedParts: 0,
      field: 'body',
      matched: inText.matched,
    };
  }

  function popularityOf(guide: IndexedGuide): number {
    return Math.log1p(views.get(guide.id) ?? 0) * popularityScale;
  }

  /** Per guide slot, how many of the parts some alternative finds through `find`. */
  function partsFound(parts: readonly SoughtPart[], find: (alternative: QueryPart) => Iterable<number>) {
    const counts = new Map<number, number>();
    for (const part of parts) {
      const slots = new Set<number>();
      for (const { part: alternative } of part.alternatives) for (const slot of find(alternative)) slots.add(slot);
      for (const slot of slots) counts.set(slot, (counts.get(slot) ?? 0) + 1);
    }
    return counts;
  }

  function scoreGuide(guide: IndexedGuide, parts: readonly SoughtPart[], atLeast: number): ScoredGuide | null {
    let total = 0;
    let namedParts = 0;
    let weakest: { evidence: number; field: SearchField } | undefined;
    const matched: QueryPart[] = [];
    for (const part of parts) {
      let best: { evidence: number; field: SearchField; part: QueryPart } | undefined;
      for (const { part: alternative, weight } of part.alternatives) {
        const match = partMatch(guide, alternative, frequency);
        if (match && (!best || match.evidence * weight > best.evidence))
          best = { evidence: match.evidence * weight, field: match.field, part: alternative };
      }
      if (!best) continue;
      total += best.evidence;
      if (best.field !== 'body') namedParts++;
      matched.push(best.part);
      if (!weakest || best.evidence < weakest.evidence) weakest = best;
    }
    if (!weakest || matched.length < atLeast) return null;
    const partial = matched.length < parts.length ? PARTIAL_FACTOR : 1;
    return {
      guide,
      score: (total / parts.length) * partial + POPULARITY_WEIGHT * popularityOf(guide),
      namedParts,
      field: weakest.field,
      matched,
    };
  }

  function search(rawQuery: string, options: SearchOptions = {}): SearchHit[] {
    const limit = options.limit ?? DEFAULT_LIMIT;
    const understood = soughtPartsOf(normalizeQuery(rawQuery));
    if (understood.length === 0 || limit <= 0) return [];
    names.compact();
    const asTyped = understood.map((part) => ({ alternatives: part.alternatives.filter((alt) => !alt.corrective) }));
    let scored = scoreGuides(asTyped, asTyped.length, limit, options.category);
    // A slip on the keyboard: a Hanzi word also by its sound (居住正 → 居住证).
    if (scored.length === 0) scored = scoreGuides(understood, understood.length, limit, options.category);
    let partial = false;
    if (scored.length === 0) {
      // Never a dead end: words that name nothing are split into ones that do, misspelt pinyin
      // stands for its nearest spellings, and most of the parts will do.
      const loose = understood.flatMap(loosened);
      scored = scoreGuides(loose, Math.ceil(loose.length / 2), limit, options.category);
      partial = scored.length > 0;
    }
    return firstInOrder(scored, limit, rankOrder).map((result) => toHit(result, partial));
  }

  /** Whether some guide's title, alias or keyword matches the part (literally, or its pinyin). */
  function named(part: QueryPart): boolean {
    for (const slot of names.candidates(part)) {
      const guide = guidesBySlot[slot];
      const match = guide && partMatch(guide, part, frequency);
      if (match && match.field !== 'body') return true;
    }
    return false;
  }

  /**
   * A part that matched nothing, made looser: a Hanzi word becomes the longest runs of it that some
   * guide names, left to right (低保一个月 → 低保); Latin letters that spell no guide's pinyin
   * stand for the spellings one slip away that do (shebo → shebao).
   */
  function loosened(part: SoughtPart): SoughtPart[] {
    const typed = part.alternatives[0]?.part;
    if (typed?.kind === 'latin' && !typed.allConsonants && !named(typed)) {
      const nearest = oneSlipAway(typed.text).filter((text) => named(toPart(text)));
      return nearest.length === 0
        ? [part]
        : [{ alternatives: nearest.map((text) => ({ part: toPart(text), weight: SLIP_WEIGHT })) }];
    }
    if (typed?.kind !== 'hanzi' || part.alternatives.length > 2 || named(typed)) return [part];
    const chars = Array.from(typed.text);
    const runs: SoughtPart[] = [];
    for (let start = 0; start < chars.length - 1;) {
      let end = chars.length;
      while (end - start >= 2 && !named(toPart(chars.slice(start, end).join('')))) end--;
      if (end - start < 2) {
        start++;
        continue;
      }
      runs.push({ alternatives: [{ part: toPart(chars.slice(start, end).join('')), weight: 1 }] });
      start = end;
    }
    return runs.length > 0 ? runs : [part];
  }

  return { upsert, remove, clear, setViews, size: () => guidesById.size, search };
}

/** A misspelt pinyin's stand-ins count for less than what was typed. */
const SLIP_WEIGHT = 0.6;
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** Every spelling one letter added, dropped, changed or two swapped away (Damerau–Levenshtein 1). */
function oneSlipAway(text: string): string[] {
  const spellings = new Set<string>();
  for (let at = 0; at <= text.length; at++) {
    const [head, tail] = [text.slice(0, at), text.slice(at)];
    for (const letter of LETTERS) {
      spellings.add(head + letter + tail);
      if (tail) spellings.add(head + letter + tail.slice(1));
    }
    if (tail) spellings.add(head + tail.slice(1));
    if (tail.length > 1) spellings.add(head + tail[1] + tail[0] + tail.slice(2));
  }
  spellings.delete(text);
  return [...spellings];
}

/** Found by name before found only in the text, then by score; a shorter (plainer) title breaks ties. */
function rankOrder(a: ScoredGuide, b: ScoredGuide): number {
  return (
    b.namedParts - a.namedParts ||
    b.score - a.score ||
    a.guide.core.length - b.guide.core.length ||
    a.guide.originalTitle.length - b.guide.originalTitle.length ||
    (a.guide.id < b.guide.id ? -1 : 1)
  );
}

/** The first `count` items in `order`, without sorting them all (10,000 guides may match, 30 are shown). */
function firstInOrder<T>(items: readonly T[], count: number, order: (a: T, b: T) => number): T[] {
  const kept: T[] = [];
  for (const item of items) {
    if (kept.length === count && order(item, kept[count - 1]!) >= 0) continue;
    let low = 0;
    let high = kept.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (order(item, kept[middle]!) < 0) high = middle;
      else low = middle + 1;
    }
    kept.splice(low, 0, item);
    if (kept.length > count) kept.pop();
  }
  return kept;
}

function toHit({ guide, score, field, matched }: ScoredGuide, partial: boolean): SearchHit {
  return {
    id: guide.id,
    score: Math.round(score * 1000) / 1000,
    field,
    titleHighlights: titleHighlights(guide, matched),
    ...(partial ? { partial } : {}),
  };
}

function titleHighlights(guide: IndexedGuide, parts: readonly QueryPart[]): Array<[number, number]> {
  const offsets = sourceOffsetsOf(guide.originalTitle, guide.title);
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
