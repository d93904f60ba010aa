/**
 * How strongly one query part points at one guide: the evidence of each field, combined into one
 * figure in [0, 1], and where in the title it matched (for highlights).
 *
 * The scoring function (documented in ARCHITECTURE.md, "Guide search"):
 * - A field's evidence is `fieldWeight × matchKind × specificity`.
 *   - matchKind: the whole name typed (exact) > the name's start or its last word (社会保障卡挂失
 *     is a 挂失) > inside it > the typed characters read in order inside the title, an
 *     abbreviation (低保 in 最低生活保障申请).
 *   - fieldWeight: title 1, alias 0.9, keyword 0.5 (keywords are loose tags).
 *   - specificity of a title match is how much of the title's concept the query covers: the title
 *     without generic service words (申请, 办理…) and brackets; 居住证 covers all of 居住证申领.
 *   - specificity of an alias or keyword is how few guides carry it: 社保 on 20 guides is weak
 *     evidence for each, 良民证 on one is strong (1 / (1 + ln df)).
 * - Pinyin and initials of a name count as that name typed, slightly discounted.
 * - A match of part of a name counts by the square root of the share it covers (低保 covers half
 *   of 低保边缘), whatever the field.
 * - A field counts once (its best match); the best field counts whole and each other matching
 *   field adds a little (corroboration). The body counts only when no name matches, and then little.
 */
import { syllableCharRange, syllableCount, syllableStart, syllableStartingAt } from './indexed-guide';
import type { IndexedGuide, KnownName, PinyinForm } from './indexed-guide';
import type { QueryPart } from './query-parts';
import type { SearchField } from './search-types';

const FIELD_WEIGHT = { title: 1, alias: 0.9, keyword: 0.5 } as const;
const MATCH_KIND = { exact: 1, prefix: 0.8, suffix: 0.8, inside: 0.7, abbreviation: 0.6 } as const;
/** Other fields that match too add this share of their evidence to the best field's. */
const CORROBORATION = 0.15;
/** Pinyin stands for the characters it reads, with some doubt about which ones. */
const PINYIN_DISCOUNT = 0.95;
/** Mentioned only in the text: found, but after every guide whose names match. */
export const BODY_EVIDENCE = 0.05;
/** An abbreviation's characters stay close together: 低保 in 最低生活保障, not across a long title. */
const ABBREVIATION_MAX_GAP = 4;

export interface PartMatch {
  /** In (0, 1]: how strongly this part points at the guide. */
  readonly evidence: number;
  /** The field that gave the strongest evidence. */
  readonly field: SearchField;
}

/** How many guides carry a name (as title, alias or keyword): the weaker the evidence of each. */
export type NameFrequency = (name: string) => number;

type MatchKind = keyof typeof MATCH_KIND;

export function partMatch(guide: IndexedGuide, part: QueryPart, frequency: NameFrequency): PartMatch | null {
  // Scored for every candidate of every query: plain numbers, nothing allocated until the answer.
  const title = titleEvidence(guide, part);
  const alias = namesEvidence(guide.aliases, part, frequency, FIELD_WEIGHT.alias);
  const keyword = namesEvidence(guide.keywords, part, frequency, FIELD_WEIGHT.keyword);
  const best = Math.max(title, alias, keyword);
  if (best === 0) {
    return part.kind !== 'latin' && guide.body.includes(part.text) ? { evidence: BODY_EVIDENCE, field: 'body' } : null;
  }
  const evidence = Math.min(1, best + CORROBORATION * (title + alias + keyword - best));
  // A pinyin-only match reports pinyin, so the kiosk can say how the guide was found.
  const field: SearchField =
    part.kind === 'latin' && !literalIn(guide, part.text)
      ? 'pinyin'
      : best === title
        ? 'title'
        : best === alias
          ? 'alias'
          : 'keyword';
  return { evidence, field };
}

function literalIn(guide: IndexedGuide, text: string): boolean {
  return (
    guide.title.includes(text) ||
    guide.aliases.some(({ name }) => name.includes(text)) ||
    guide.keywords.some(({ name }) => name.includes(text))
  );
}

function titleEvidence(guide: IndexedGuide, part: QueryPart): number {
  const literal = literalKind(guide.core, part.text) ?? literalKind(guide.title, part.text);
  let kind: MatchKind | undefined = literal;
  let span = part.text.length;
  let discount = 1;
  if (kind === undefined && part.kind === 'hanzi') {
    const abbreviated = abbreviationSpan(guide.title, part.text);
    if (abbreviated > 0) {
      kind = 'abbreviation';
      span = abbreviated;
    }
  }
  if (kind === undefined && part.kind === 'latin') {
    const range = pinyinRange(guide.titlePinyin, part);
    if (range) {
      kind = range.kind;
      span = range.chars;
      discount = PINYIN_DISCOUNT;
    }
  }
  if (kind === undefined) return 0;
  return FIELD_WEIGHT.title * MATCH_KIND[kind] * coverage(kind, span, guide.core.length) * discount;
}

function namesEvidence(names: readonly KnownName[], part: QueryPart, frequency: NameFrequency, weight: number): number {
  let best = 0;
  for (const { name, form } of names) {
    let kind = literalKind(name, part.text);
    let span = part.text.length;
    let discount = 1;
    if (kind === undefined && part.kind === 'latin') {
      const range = pinyinRange(form, part);
      kind = range?.kind;
      span = range?.chars ?? 0;
      discount = PINYIN_DISCOUNT;
    }
    if (kind === undefined) continue;
    const specificity = 1 / (1 + Math.log(Math.max(1, frequency(name))));
    const covered = coverage(kind, span, codePoints(name));
    best = Math.max(best, weight * MATCH_KIND[kind] * specificity * covered * discount);
  }
  return best;
}

/**
 * How much of a name the match covers, as a factor: 1 for the whole name; a part of it counts by
 * the square root of its share, so a short query inside a long name still counts, but less.
 */
function coverage(kind: MatchKind, span: number, nameLength: number): number {
  return kind === 'exact' ? 1 : Math.sqrt(Math.min(1, span / Math.max(1, nameLength)));
}

/** Characters in the text (a character outside the BMP is two UTF-16 units). */
function codePoints(text: string): number {
  let count = text.length;
  for (let at = 0; at < text.length; at++) if ((text.charCodeAt(at) & 0xfc00) === 0xd800) count--;
  return count;
}

function literalKind(name: string, text: string): MatchKind | undefined {
  const at = name.indexOf(text);
  if (at < 0) return undefined;
  if (at === 0) return name.length === text.length ? 'exact' : 'prefix';
  // The last word of a Chinese name says what it is (社会保障卡挂失 is a 挂失).
  return name.endsWith(text) ? 'suffix' : 'inside';
}

/**
 * Characters of `text` found in order inside `title`, each within a few of the last: returns the
 * span they cover (低保 in 最低生活保障申请: 低生活保, 4), or 0.
 */
function abbreviationSpan(title: string, text: string): number {
  const chars = Array.from(text);
  if (chars.length < 2) return 0;
  let best = 0;
  for (let start = title.indexOf(chars[0]!); start >= 0; start = title.indexOf(chars[0]!, start + 1)) {
    let at = start;
    let found = true;
    for (const char of chars.slice(1)) {
      const next = title.indexOf(char, at + 1);
      if (next < 0 || next - at > ABBREVIATION_MAX_GAP) {
        found = false;
        break;
      }
      at = next;
    }
    if (found) {
      const span = at - start + 1;
      if (best === 0 || span < best) best = span;
    }
  }
  return best;
}

/** The kind of pinyin match and how many characters of the name it reads, or null. */
function pinyinRange(form: PinyinForm, { text, allConsonants }: QueryPart): { kind: MatchKind; chars: number } | null {
  if (form.full === '') return null;
  if (allConsonants) {
    if (form.initials === text) return { kind: 'exact', chars: text.length };
    if (form.initials.startsWith(text)) return { kind: 'prefix', chars: text.length };
  }
  if (form.full === text) return { kind: 'exact', chars: syllableCount(form) };
  if (form.full.startsWith(text)) return { kind: 'prefix', chars: syllablesRead(form, 0, text) };
  const later = laterSyllableMatching(form, text);
  return later >= 0 ? { kind: 'inside', chars: syllablesRead(form, later, text) } : null;
}

function syllablesRead(form: PinyinForm, first: number, text: string): number {
  const matchEnd = (syllableStart(form, first) ?? 0) + text.length;
  let last = first;
  while ((syllableStart(form, last + 1) ?? Infinity) < matchEnd) last++;
  return last - first + 1;
}

/**
 * The [start, end) range of the folded title that the part matched: the literal text, else the
 * characters read by the matched initials or pinyin syllables; null when only another field matched.
 */
export function titleMatchRange(guide: IndexedGuide, part: QueryPart): [number, number] | null {
  const at = guide.title.indexOf(part.text);
  if (at >= 0) return [at, at + part.text.length];
  return part.kind === 'latin' ? pinyinTitleRange(guide.titlePinyin, part) : null;
}

function pinyinTitleRange(form: PinyinForm, { text, allConsonants }: QueryPart): [number, number] | null {
  if (allConsonants && form.initials.startsWith(text)) return charRange(form, 0, text.length - 1);
  const first = form.full.startsWith(text) ? 0 : laterSyllableMatching(form, text);
  if (first < 0) return null;
  return charRange(form, first, first + syllablesRead(form, first, text) - 1);
}

/** Index of the first syllable after the first at which the full pinyin continues with text, or -1. */
function laterSyllableMatching(form: PinyinForm, text: string): number {
  for (let at = form.full.indexOf(text, 1); at >= 0; at = form.full.indexOf(text, at + 1)) {
    const syllable = syllableStartingAt(form, at);
    if (syllable > 0) return syllable;
  }
  return -1;
}

function charRange(form: PinyinForm, firstSyllable: number, lastSyllable: number): [number, number] | null {
  const first = syllableCharRange(form, firstSyllable);
  const last = syllableCharRange(form, lastSyllable);
  return first && last ? [first[0], last[1]] : null;
}
