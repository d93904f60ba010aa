import { test } from 'node:test';
import assert from 'node:assert/strict';
import { START, backward, forward, isSearchable } from '../renderer/screens';

test('返回 walks back the way the resident came, and from the first screen it is home', () => {
  const category = forward(START, { kind: 'category', category: 'housing' });
  const guide = forward(category, { kind: 'guide', id: 'gongzu-apply' });
  assert.deepEqual(guide.before, [{ kind: 'home' }, { kind: 'category', category: 'housing' }]);
  assert.deepEqual(backward(guide).current, { kind: 'category', category: 'housing' });
  assert.deepEqual(backward(backward(guide)), START);
  assert.deepEqual(backward(START), START, 'nothing before home');
});

test('the search field shows at home and in a category only', () => {
  assert.equal(isSearchable({ kind: 'home' }), true);
  assert.equal(isSearchable({ kind: 'category', category: 'housing' }), true);
  assert.equal(isSearchable({ kind: 'guide', id: 'x' }), false);
  assert.equal(isSearchable({ kind: 'forms' }), false);
});
