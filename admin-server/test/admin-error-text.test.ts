import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ERRORS, LOCALES, LinliError, isErrorCode } from '@linli/protocol';
import { ADMIN_STRINGS, errorText } from '../web/i18n';

test('every error code has its own text for staff in every admin language', () => {
  for (const locale of LOCALES) {
    for (const [code, { message }] of Object.entries(ERRORS)) {
      assert.ok(isErrorCode(code));
      const text = ADMIN_STRINGS[locale].errors.codes[code];
      assert.ok(text.trim(), `${locale} ${code}`);
      if (locale !== 'en') assert.notEqual(text, message, `${locale} ${code} is still the English catalogue text`);
    }
  }
});

test('a validation error names the field and the problem in words, and keeps the code for support', () => {
  const t = ADMIN_STRINGS['zh-Hans'];
  const error = new LinliError('VALIDATION_FAILED', 'body/title: must NOT have fewer than 1 characters', [
    { path: 'body/title', message: 'must NOT have fewer than 1 characters' },
  ]);
  assert.equal(errorText(t, error), '填写的内容有误，请按提示修改；标题：不能为空（错误代码 VALIDATION_FAILED）');
  const details = (path: string, message: string) =>
    errorText(t, new LinliError('IMPORT_INVALID', undefined, [{ path, message }]));
  assert.match(details('/office/phone', 'must match pattern "^[0-9-]+$"'), /；咨询电话：格式不正确（/);
  assert.match(details('/guides/0 (x-1)/category', 'must be string'), /；指南第 1 项（x-1） · 分类：必须是文字（/);
  assert.match(details('/', "must have required property 'title'"), /；提交的内容：缺少必填项「标题」（/);
  assert.match(details('/expireAt', 'must be after the publish time'), /；截止时间：must be after the publish time（/);
  assert.equal(
    errorText(ADMIN_STRINGS.en, new LinliError('FORBIDDEN')),
    'You do not have permission to do this here (error code FORBIDDEN)',
  );
});

test('an error without a code reads as a general failure and keeps its own text for support', () => {
  const t = ADMIN_STRINGS['zh-Hant'];
  assert.equal(
    errorText(t, new TypeError('Failed to fetch')),
    '操作未能完成，請稍後重試；如仍有問題請聯絡技術支援（錯誤代碼 Failed to fetch）',
  );
  assert.match(errorText(t, new LinliError('INTERNAL', 'HTTP 502')), /（錯誤代碼 INTERNAL: HTTP 502）$/);
});
