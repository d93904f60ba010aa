/**
 * The case rules shipped with the server load together, and a category catalogue with mistakes is
 * refused naming each (a child before its parent, a path twice).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LinliError } from '@linli/protocol';
import { readCaseRulesFiles } from '../src/case-rules-files';
import { readCaseCategories } from '../src/domain/case-rules';

const names = { 'zh-Hans': '分类', 'zh-Hant': '分類', en: 'Category' };

test('the shipped catalogue, deadline rules and 2026 calendar load; every category names itself in three languages', () => {
  const rules = readCaseRulesFiles();
  assert.ok(rules.calendar.years().includes(2026));
  assert.equal(rules.category('sanitation/garbage')?.names['zh-Hans'], '垃圾清运');
  // The deadline rules' category prefixes exist in the catalogue.
  for (const rule of rules.deadlines.rules)
    if (rule.categoryPrefix) assert.ok(rules.category(rule.categoryPrefix), rule.categoryPrefix);
  assert.ok(rules.category('other'), 'a category for what fits nowhere else');
});

test('a catalogue listing a child before its parent, or a path twice, is refused naming each', () => {
  try {
    readCaseCategories({
      categories: [
        { path: 'sanitation/garbage', names },
        { path: 'other', names },
        { path: 'other', names },
      ],
    });
    assert.fail('expected a refusal');
  } catch (error) {
    assert.ok(error instanceof LinliError);
    assert.deepEqual(error.details, [
      { path: '/categories/0/path', message: 'its parent sanitation must come first' },
      { path: '/categories/2/path', message: 'listed twice' },
    ]);
  }
});
