import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lineDiff } from '../web/text-diff';

test('the version diff keeps common lines and marks what was removed and added', () => {
  const diff = lineDiff(
    '停水通知\n时间：9:00-17:00\n请提前储水',
    '停水通知\n时间：8:00-18:00\n请提前储水\n咨询电话 86000001',
  );
  assert.deepEqual(
    diff.map((line) => `${line.kind[0]} ${line.text}`),
    ['s 停水通知', 'r 时间：9:00-17:00', 'a 时间：8:00-18:00', 's 请提前储水', 'a 咨询电话 86000001'],
  );
  assert.deepEqual(lineDiff('一样', '一样'), [{ kind: 'same', text: '一样' }]);
});
