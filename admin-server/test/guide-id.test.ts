/** A new guide's id spelt from its title in pinyin, and the first free one of base, base-2, base-3 … */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GuideId } from '@linli/protocol';
import { freeGuideId, guideIdOfTitle } from '../src/domain/guide-id';

test('a title becomes toneless pinyin, a syllable at a time', () => {
  assert.equal(guideIdOfTitle('社区居住证明开具'), 'she-qu-ju-zhu-zheng-ming-kai-ju');
  assert.equal(guideIdOfTitle('旅游'), 'lv-you', 'ü is written v');
  assert.equal(guideIdOfTitle('女儿'), 'nv-er');
});

test('Latin letters and digits are kept, full-width ones made plain; punctuation only separates', () => {
  assert.equal(guideIdOfTitle('ETC 卡办理'), 'etc-ka-ban-li');
  assert.equal(guideIdOfTitle('６０岁以上老人优待证'), '60-sui-yi-shang-lao-ren-you-dai-zheng');
  assert.equal(guideIdOfTitle('《居住证》申领（首次）'), 'ju-zhu-zheng-shen-ling-shou-ci');
});

test('a title with nothing to spell, or too little, suggests no id', () => {
  assert.equal(guideIdOfTitle('！？。'), '');
  assert.equal(guideIdOfTitle(''), '');
  assert.equal(guideIdOfTitle('a'), '', 'one character is not an id');
});

test('a long title is cut at a whole word, within 48 characters, and is a valid guide id', () => {
  const id = guideIdOfTitle('一'.repeat(40));
  assert.equal(id, Array(16).fill('yi').join('-'));
  assert.ok(id.length <= 48);
  for (const title of ['社区居住证明开具', 'ETC 卡办理', '６０岁以上老人优待证', '一'.repeat(40), '残疾人证 (新办)'])
    assert.match(guideIdOfTitle(title), new RegExp((GuideId as unknown as { pattern: string }).pattern), title);
});

test('the first free id of base, base-2, base-3 … is taken; an empty base stays empty', async () => {
  const taken = new Set(['shequ', 'shequ-2']);
  const asked: string[] = [];
  const free = await freeGuideId('shequ', async (id) => (asked.push(id), taken.has(id)));
  assert.equal(free, 'shequ-3');
  assert.deepEqual(asked, ['shequ', 'shequ-2', 'shequ-3']);
  assert.equal(await freeGuideId('lvyou', async () => false), 'lvyou');
  assert.equal(await freeGuideId('', async () => assert.fail('nothing to ask')), '');
});
