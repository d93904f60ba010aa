/** 繁體 as residents read it: the common Traditional forms, the same word the same way everywhere. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { localizeGuide, localizeText } from '../host/catalog/traditional';
import { guide } from './fixtures';

test('繁體 writes the forms residents read (審核, 核實, 複核, 裡面, 戶口), not the dictionary-only ones (審覈, 覈實)', () => {
  assert.equal(
    localizeText('资格审核后核实，复核不通过的退回；户口簿里面的信息', 'zh-Hant'),
    '資格審核後核實，複核不通過的退回；戶口簿裡面的信息',
  );
});

test('one word is written one way across a whole guide: 签注 is 簽註 in the title, steps and notes alike', () => {
  const traditional = localizeGuide(
    guide('jzz-qianzhu', '居住证签注（年度续签）', {
      summary: '居住证每年签注一次，逾期未签注的暂停使用。',
      steps: [{ title: '办理签注', detail: '窗口审核后当场签注。' }],
    }),
    'zh-Hant',
  );
  const text = JSON.stringify(traditional);
  assert.ok(!/籤注|簽注|籤註|审核|審覈/.test(text), text);
  assert.equal(text.match(/簽註/g)?.length, 5);
  assert.match(text, /審核/);
});
