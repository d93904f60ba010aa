/**
 * How good a ranking is against graded judgements (kiosk-app/test/judged-queries.json): NDCG@3,
 * reciprocal rank of the first right answer, and whether a query found anything. Pure.
 */

/** Guide id → grade: 3 the guide the resident is after, 2 also right, 1 related. */
export type Judgements = Readonly<Record<string, number>>;

export interface JudgedQuery {
  query: string;
  kind: string;
  relevant: Judgements;
}

/** A right answer: what the resident is after, or another route to it. */
export const RIGHT_GRADE = 2;

/** Discounted cumulative gain of the first `k` ids, with gain 2^grade − 1 (graded judgements weigh more). */
function dcg(ids: readonly string[], relevant: Judgements, k: number): number {
  return ids.slice(0, k).reduce((sum, id, rank) => sum + (2 ** (relevant[id] ?? 0) - 1) / Math.log2(rank + 2), 0);
}

/** DCG of the ranking over DCG of the best possible ranking; 1 when the top k are ideal. */
export function ndcgAt(k: number, ids: readonly string[], relevant: Judgements): number {
  const ideal = Object.keys(relevant).sort((a, b) => (relevant[b] ?? 0) - (relevant[a] ?? 0));
  const best = dcg(ideal, relevant, k);
  return best === 0 ? 0 : dcg(ids, relevant, k) / best;
}

/** 1 / rank of the first right answer; 0 when none is listed. */
export function reciprocalRank(ids: readonly string[], relevant: Judgements): number {
  const at = ids.findIndex((id) => (relevant[id] ?? 0) >= RIGHT_GRADE);
  return at < 0 ? 0 : 1 / (at + 1);
}

export interface RankingQuality {
  /** Queries some guide answers (NDCG, MRR and top 3 are over these). */
  answerable: number;
  ndcgAt3: number;
  mrr: number;
  /** Share of answerable queries with a right answer in the first three. */
  rightInTop3: number;
  /** Share of answerable queries that listed nothing at all. */
  zeroResultRate: number;
  /** Queries no guide answers: how many listed nothing (the honest answer) out of how many. */
  unanswerableListedNothing: string;
  /** Answerable queries without a right answer in the first three, for the reader to look at. */
  missed: string[];
}

export function rankingQuality(
  queries: readonly JudgedQuery[],
  search: (query: string) => readonly string[],
): RankingQuality {
  const answerable = queries.filter((query) => Object.keys(query.relevant).length > 0);
  const unanswerable = queries.filter((query) => Object.keys(query.relevant).length === 0);
  const runs = answerable.map((query) => ({ query, ids: search(query.query) }));
  const mean = (values: number[]) => round(values.reduce((sum, value) => sum + value, 0) / values.length);
  const inTop3 = (run: (typeof runs)[number]) => reciprocalRank(run.ids.slice(0, 3), run.query.relevant) > 0;
  return {
    answerable: answerable.length,
    ndcgAt3: mean(runs.map((run) => ndcgAt(3, run.ids, run.query.relevant))),
    mrr: mean(runs.map((run) => reciprocalRank(run.ids, run.query.relevant))),
    rightInTop3: mean(runs.map((run) => (inTop3(run) ? 1 : 0))),
    zeroResultRate: mean(runs.map((run) => (run.ids.length === 0 ? 1 : 0))),
    unanswerableListedNothing: `${unanswerable.filter((query) => search(query.query).length === 0).length}/${unanswerable.length}`,
    missed: runs.filter((run) => !inTop3(run)).map((run) => run.query.query),
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
