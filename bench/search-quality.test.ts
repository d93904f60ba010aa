/** The kiosk search answers residents' real queries: the judged set's floors, and the metrics themselves. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ndcgAt, rankingQuality, reciprocalRank } from './ranking-metrics';
import { runSearchQualityBench } from './search-quality-bench';

test('NDCG@3 is 1 for the ideal order and less when the best guide is lower; RR finds the first right answer', () => {
  const judged = { a: 3, b: 2, c: 1 };
  assert.equal(ndcgAt(3, ['a', 'b', 'c'], judged), 1);
  assert.ok(ndcgAt(3, ['c', 'b', 'a'], judged) < ndcgAt(3, ['a', 'c', 'b'], judged));
  assert.equal(ndcgAt(3, ['x', 'y'], judged), 0);
  assert.equal(reciprocalRank(['c', 'x', 'b'], judged), 1 / 3, 'grade 1 is related, not right');
  const quality = rankingQuality(
    [
      { query: 'q1', kind: 'word', relevant: judged },
      { query: 'none', kind: 'word', relevant: {} },
    ],
    (query) => (query === 'q1' ? ['b'] : []),
  );
  assert.equal(quality.answerable, 1);
  assert.equal(quality.rightInTop3, 1);
  assert.equal(quality.unanswerableListedNothing, '1/1');
});

test('on the judged resident queries a right answer is in the first three for 98 % and almost none lists nothing', () => {
  const { linli, queries } = runSearchQualityBench();
  assert.ok(queries >= 200, `${queries} judged queries`);
  assert.ok(linli.rightInTop3 >= 0.98, `right in top 3: ${linli.rightInTop3}; missed: ${linli.missed.join(', ')}`);
  assert.ok(linli.ndcgAt3 >= 0.8, `NDCG@3 ${linli.ndcgAt3}`);
  assert.ok(linli.zeroResultRate <= 0.01, `no result for ${linli.zeroResultRate} of answerable queries`);
});
