/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pinyinSyllablesOf, pinyinTermsOf } from './pinyin-terms';

test('full pinyin without tones or spaces, and initials', () => {
  assert.deepEqual(pinyinTermsOf('居住证'), { full: 'juzhuzheng', initials: 'jzz' });
  assert.deepEqual(pinyinTermsOf('社保卡'), { full: 'shebaoka', initials: 'sbk' });
  assert.deepEqual(pinyinTermsOf('公积金'), { full: 'gongjijin', initials: 'gjj' });
});

test('service vocabulary reads as residents say it, not as pinyin-pro guesses', () => {
  assert.equal(pinyinTermsOf('住房公积金贷款还款').full, 'zhufanggongjijindaikuanhuankuan');
  assert.equal(pinyinTermsOf('提前还贷').full, 'tiqianhuandai');
  assert.equal(pinyinTermsOf('银行卡').full, 'yinhangka');
  assert.equal(pinyinTermsOf('长者优待证').initials, 'zzydz');
  assert.equal(pinyinTermsOf('重新办理').full, 'chongxinbanli');
  assert.equal(pinyinTermsOf('密码重置').full, 'mimachongzhi');
  assert.equal(pinyinTermsOf('单亲家庭补助').full, 'danqinjiatingbuzhu');
});

test('digits and Latin letters pass through lower-cased; punctuation and spaces are dropped', () => {
  assert.deepEqual(pinyinTermsOf('12345热线'), { full: '12345rexian', initials: '12345rx' });
  assert.deepEqual(pinyinTermsOf('CT检查（预约）'), { full: 'ctjianchayuyue', initials: 'ctjcyy' });
  assert.equal(pinyinTermsOf('绿色通道').full, 'lvsetongdao', 'ü is typed as v on a plain keyboard');
});

test('each syllable knows which character it was read from, for highlighting', () => {
  assert.deepEqual(
    pinyinSyllablesOf('社保 卡').map(({ text, start, end }) => [text, start, end]),
    [
      ['she', 0, 1],
      ['bao', 1, 2],
      ['ka', 3, 4],
    ],
  );
});
