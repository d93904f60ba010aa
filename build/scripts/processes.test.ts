import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lineSplitter } from './processes';

test('a ready line split across two stdout chunks is seen whole, once', () => {
  const seen: string[] = [];
  const lines = lineSplitter((line) => seen.push(line));
  lines.push('Linli admin server: http://127.0.0.1:1/admin/\nLINLI_READY {"url":"http://127');
  assert.deepEqual(seen, ['Linli admin server: http://127.0.0.1:1/admin/'], 'the half line waits for its end');
  lines.push('.0.0.1:1"}\nnext');
  assert.deepEqual(seen, ['Linli admin server: http://127.0.0.1:1/admin/', 'LINLI_READY {"url":"http://127.0.0.1:1"}']);
  lines.push('\n');
  assert.equal(seen.at(-1), 'next');
});
