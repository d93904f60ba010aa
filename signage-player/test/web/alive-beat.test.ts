import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_SKIPPED_PER_BEAT } from '@linli/protocol';
import { createSkipTally } from '../../web/alive-beat';

test('a beat takes the videos given up since the last one, each time they were given up', () => {
  const tally = createSkipTally();
  tally.add('lobby');
  tally.add('news');
  tally.add('lobby');
  assert.deepEqual(tally.take(), ['lobby', 'news', 'lobby']);
  assert.deepEqual(tally.take(), []);
});

test('a zone of broken videos skipping them in a loop fills one beat up to its limit, not more', () => {
  const tally = createSkipTally();
  for (let index = 0; index < 3 * MAX_SKIPPED_PER_BEAT; index++) tally.add(`video-${index % 4}`);
  assert.equal(tally.take().length, MAX_SKIPPED_PER_BEAT);
});
