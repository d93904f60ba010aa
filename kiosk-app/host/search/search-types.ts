// Public shapes of the guide search, kept apart so internal modules can share them without cycles.

export interface SearchDoc {
  id: string;
  title: string;
  aliases: string[];
  keywords: string[];
  body: string;
  category: string;
}

export type SearchField = 'alias' | 'title' | 'keyword' | 'pinyin' | 'body';

export interface SearchHit {
  id: string;
  /** Higher is better (0–1, see guide-match.ts); only meaningful for comparing hits of the same query. */
  score: number;
  /** Where the (weakest, for multi-part queries) part matched. */
  field: SearchField;
  /** Matched [start, end) UTF-16 ranges of the original title, sorted and non-overlapping. */
  titleHighlights: Array<[start: number, end: number]>;
  /** Nothing matched every word typed: this guide matched most of them. */
  partial?: boolean;
}

export interface SearchOptions {
  /** Default 50. */
  limit?: number;
  /** Exact category; hits from other categories are left out. */
  category?: string;
}

export interface GuideIndex {
  upsert(doc: SearchDoc): void;
  remove(id: string): void;
  clear(): void;
  /** How often each guide has been opened: among near-equal matches, the more used comes first. */
  setViews(views: ReadonlyMap<string, number>): void;
  size(): number;
  search(rawQuery: string, options?: SearchOptions): SearchHit[];
}
