/** Cases that read alike: Chinese text compared by character pairs, punctuation and spacing set aside. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mostSimilar, textSimilarity } from '../src/domain/similar-cases';

test('the same matter told twice reads alike; another matter at the same place does not', () => {
  assert.equal(textSimilarity('3号楼北侧垃圾桶满了', '3号楼北侧，垃圾桶满了！'), 1);
  assert.ok(textSimilarity('3号楼北侧垃圾桶三天没有清运', '3号楼北侧的垃圾桶已经三天没清运了') > 0.5);
  assert.ok(textSimilarity('3号楼北侧垃圾桶三天没有清运', '3号楼楼道灯不亮') < 0.35);
  assert.equal(textSimilarity('', '垃圾'), 0);
});

test('suggestions are the alike ones, most alike first, at most five', () => {
  const found = mostSimilar('南门路灯坏了晚上很黑', [
    { id: 1, text: '小区南门的路灯坏了' },
    { id: 2, text: '南门路灯坏了，晚上很黑' },
    { id: 3, text: '电梯经常停运' },
  ]);
  assert.deepEqual(
    found.map((entry) => entry.candidate.id),
    [2, 1],
  );
});
