/**
 * Search quality on the demo catalog: the judged resident queries of
 * kiosk-app/test/judged-queries.json, ranked by Linli's kiosk search and by what a developer would
 * reach for instead, SQLite FTS5 (trigram tokenizer, bm25 order) over the same text.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Guide } from '@linli/protocol';
import { readDemoGuides } from '../admin-server/src/demo-content';
import { searchDocOf } from '../kiosk-app/host/catalog/guide-text';
import { createGuideIndex } from '../kiosk-app/host/search/guide-index';
import { rankingQuality, type JudgedQuery, type RankingQuality } from './ranking-metrics';

export const JUDGED_QUERIES_FILE = path.resolve(import.meta.dirname, '../kiosk-app/test/judged-queries.json');
/** The kiosk shows the first results on one screen; ten is more than a resident reads. */
const LISTED = 10;

export function judgedQueries(): JudgedQuery[] {
  return (JSON.parse(readFileSync(JUDGED_QUERIES_FILE, 'utf8')) as { queries: JudgedQuery[] }).queries;
}

export function demoCatalog(): Guide[] {
  return readDemoGuides().guides.map((input) => ({ ...input, version: 1, updatedAt: '2026-01-01T00:00:00.000Z' }));
}

export interface SearchQualityFigures {
  guides: number;
  queries: number;
  linli: RankingQuality;
  fts5Trigram: RankingQuality;
  /** Per kind of query (question, typo, pinyin…): NDCG@3 of each engine. */
  byKind: Array<{ kind: string; queries: number; linliNdcgAt3: number; fts5NdcgAt3: number }>;
}

export function runSearchQualityBench(): SearchQualityFigures {
  const guides = demoCatalog();
  const queries = judgedQueries();
  const index = createGuideIndex();
  for (const guide of guides) index.upsert(searchDocOf(guide));
  const linli = (query: string) => index.search(query, { limit: LISTED }).map((hit) => hit.id);

  const db = new BetterSqlite3(':memory:');
  db.exec("CREATE VIRTUAL TABLE t USING fts5(id UNINDEXED, title, aliases, keywords, body, tokenize='trigram')");
  const insert = db.prepare('INSERT INTO t (id, title, aliases, keywords, body) VALUES (?, ?, ?, ?, ?)');
  for (const guide of guides) {
    const doc = searchDocOf(guide);
    insert.run(doc.id, doc.title, doc.aliases.join(' '), doc.keywords.join(' '), doc.body);
  }
  const select = db.prepare<[string, number], { id: string }>('SELECT id FROM t WHERE t MATCH ? ORDER BY rank LIMIT ?');
  // A plain FTS5 user quotes what was typed so punctuation cannot break the MATCH syntax.
  const fts5 = (query: string) => select.all(`"${query.replaceAll('"', '""')}"`, LISTED).map((row) => row.id);

  const kinds = [...new Set(queries.map((query) => query.kind))];
  const figures = {
    guides: guides.length,
    queries: queries.length,
    linli: rankingQuality(queries, linli),
    fts5Trigram: rankingQuality(queries, fts5),
    byKind: kinds.map((kind) => {
      const ofKind = queries.filter((query) => query.kind === kind);
      return {
        kind,
        queries: ofKind.length,
        linliNdcgAt3: rankingQuality(ofKind, linli).ndcgAt3,
        fts5NdcgAt3: rankingQuality(ofKind, fts5).ndcgAt3,
      };
    }),
  };
  db.close();
  return figures;
}
