/**
 * Pure parts of the admin UI: peripherals as rows (read from the protocol's schema), the audit trail
 * in words, notices and forms as readable text for review, and cases' steps and words.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LinliError, PERIPHERAL_KIND_OF_DRIVER, type AuditEntry, type FormInput } from '@linli/protocol';
import { actionWords, changedFields, objectWords } from '../web/audit-words';
import { CLASS_COLOURS, NO_FIGURE_COLOUR, figureClasses } from '../web/figure-classes';
import { EMPTY_VALUES, actionInput } from '../web/case-actions';
import { categoryWords, lightWords } from '../web/case-words';
import { formText, noticeText } from '../web/content-text';
import { ADMIN_STRINGS, fieldProblems } from '../web/i18n';
import { fromTemplate, withSeverity } from '../web/manual-alert-draft';
import { DRIVER_FIELDS, PUSHABLE_DRIVERS, fileOf, rowProblems, rowsOf } from '../web/peripheral-rows';

const zh = ADMIN_STRINGS['zh-Hans'];
const en = ADMIN_STRINGS.en;

test("each driver's fields come from the schema: required, whole numbers, choices", () => {
  assert.deepEqual(Object.keys(DRIVER_FIELDS).sort(), Object.keys(PERIPHERAL_KIND_OF_DRIVER).sort());
  assert.deepEqual(DRIVER_FIELDS['escpos-tcp'], [
    { name: 'host', required: true, kind: 'text', choices: [] },
    { name: 'port', required: false, kind: 'integer', choices: [] },
    { name: 'paperWidthMm', required: false, kind: 'choice', choices: [58, 80] },
  ]);
  assert.deepEqual(
    DRIVER_FIELDS['keyboard-wedge-scanner'].map((field) => field.name),
    ['maxKeyGapMs', 'minLength'],
  );
  assert.ok(
    !(PUSHABLE_DRIVERS as readonly string[]).includes('pdf-folder'),
    'a PDF folder printer is set up on the kiosk only',
  );
});

test('rows and the devices file: numbers as numbers, empty fields and other drivers’ fields left out', () => {
  const file = {
    maintenancePin: '2468',
    peripherals: [
      { id: 'idcard', driver: 'ga467-serial' as const, path: '/dev/ttyUSB0', baudRate: 115200 as const },
      { id: 'receipt', driver: 'escpos-tcp' as const, host: '192.168.1.50', port: 9100, paperWidthMm: 80 as const },
    ],
  };
  const rows = rowsOf(file);
  assert.deepEqual(rows[1]!.values, { host: '192.168.1.50', port: '9100', paperWidthMm: '80' });
  assert.deepEqual(fileOf(rows, '2468'), file);
  // The driver changed from serial to network: the serial path is not sent; an empty port is not sent.
  const changed = [
    { ...rows[0]!, driver: 'escpos-tcp' as const, values: { path: '/dev/ttyUSB0', host: ' 10.0.0.9 ', port: '' } },
  ];
  assert.deepEqual(fileOf(changed, ''), { peripherals: [{ id: 'idcard', driver: 'escpos-tcp', host: '10.0.0.9' }] });
  assert.equal(fileOf([], '  '), undefined, 'nothing set: the kiosk keeps its own file');
  assert.deepEqual(fileOf([], '1234'), { maintenancePin: '1234', peripherals: [] });
  assert.deepEqual(rowsOf(undefined), []);
});

test("a union's errors are narrowed to the row's own driver", () => {
  const rows = rowsOf({ peripherals: [{ id: 'r', driver: 'escpos-tcp', host: 'x' }] });
  const at = 'body/peripherals/peripherals/0';
  const error = new LinliError('VALIDATION_FAILED', 'bad', [
    { path: at, message: 'must have required properties path' },
    { path: `${at}/host`, message: 'schema is false' },
    { path: at, message: 'must not have additional properties' },
    { path: `${at}/port`, message: 'must be <= 65535' },
    { path: at, message: 'must have required properties host' },
    { path: at, message: 'must be one of the allowed values' },
    { path: 'body/idleSec', message: 'must be >= 30' },
  ]);
  assert.deepEqual(rowProblems(error, rows).details, [
    { path: `${at}/port`, message: 'must be <= 65535' },
    { path: at, message: 'must have required properties host' },
    { path: 'body/idleSec', message: 'must be >= 30' },
  ]);
});

const entry = (overrides: Partial<AuditEntry>): AuditEntry => ({
  id: 1,
  at: '2026-12-01T08:00:00.000Z',
  actor: 'admin',
  action: 'guide.update',
  targetType: 'guide',
  targetId: 'juzhuzheng',
  orgId: 1,
  from: '127.0.0.1',
  outcome: 'ok',
  before: null,
  after: null,
  ...overrides,
});

test('actions and records in words, in each language', () => {
  assert.equal(actionWords(zh, 'guide.update'), '修改办事指南');
  assert.equal(actionWords(en, 'guide.update'), 'Edit service guide');
  assert.equal(actionWords(ADMIN_STRINGS['zh-Hant'], 'notice.approve'), '審核通過通知公告');
  assert.equal(actionWords(zh, 'session.sign-in'), '登录');
  assert.equal(actionWords(zh, 'device.command.re-sync'), '发送命令：重新同步');
  assert.equal(actionWords(zh, 'device.command-result.screenshot'), '终端回报命令结果：截屏');
  assert.equal(actionWords(zh, 'bill-provider.create'), '新建计费机构');
  assert.equal(actionWords(zh, 'desk.consultation'), '记录咨询台账');
  assert.equal(actionWords(zh, 'something.new'), 'something.new', 'unknown: as it is');
  const guide = entry({ after: { title: '居住证申领' } });
  assert.deepEqual(objectWords(zh, guide), { kind: '办事指南', name: '「居住证申领」' });
  assert.deepEqual(objectWords(zh, entry({ targetType: 'user', targetId: 'li.si' })), { kind: '用户', name: 'li.si' });
  assert.deepEqual(objectWords(zh, entry({ targetType: 'media', targetId: '-' })), {
    kind: '媒体文件',
    name: undefined,
  });
});

test('a change is the fields that changed, named and valued in words', () => {
  const before = { title: '居住证申领', state: 'approved', fees: '免费', updatedAt: 'a', published: true };
  const after = { title: '居住证申领', state: 'draft', fees: '免费（含复印）', updatedAt: 'b', published: true };
  assert.deepEqual(changedFields(zh, 'zh-Hans', before, after), [
    { key: 'state', field: '状态', before: '已发布', after: '草稿' },
    { key: 'fees', field: '收费标准', before: '免费', after: '免费（含复印）' },
  ]);
  const created = changedFields(en, 'en', null, { role: 'query-clerk', disabled: false, displayName: 'Li' });
  assert.deepEqual(
    created.map((change) => [change.field, change.before, change.after]),
    [
      ['Role', '', 'Part-time query clerk'],
      ['Disabled', '', 'No'],
      ['Full name', '', 'Li'],
    ],
  );
  const deleted = changedFields(zh, 'zh-Hans', { title: 'x', history: [{ version: 1 }, { version: 2 }] }, null);
  assert.deepEqual(deleted[1], { key: 'history', field: '历史版本', before: '共 2 个版本', after: '' });
});

test('a notice and a form read as labelled lines, not JSON', () => {
  const notice = noticeText(zh, 'zh-Hans', {
    kind: 'announcement',
    title: '停水通知',
    body: '明日停水。\n\n请储水。',
    publishAt: null,
    expireAt: '2026-12-31T16:00:00.000Z',
    targets: { orgIds: [], groupIds: [] },
  });
  assert.equal(
    notice,
    [
      '标题: 停水通知',
      '类型: 通知公告',
      '发布时间: 审核通过后',
      '截止时间: 2026-12-31 16:00',
      '附件: —',
      '正文:',
      '  明日停水。',
      '  ',
      '  请储水。',
    ].join('\n'),
  );
  const form: FormInput = {
    id: 'residence',
    category: 'household',
    templateSha256: 'ab'.repeat(32),
    published: false,
    definition: {
      id: 'residence',
      title: '居住证明申请表',
      template: 'residence.pdf',
      mode: 'overlay',
      fields: [
        {
          id: 'name',
          label: '姓名',
          source: { from: 'id-card', field: 'name' },
          target: { page: 0, x: 1, y: 1, fontSize: 12 },
        },
        {
          id: 'phone',
          source: { from: 'typed', key: 'phone', label: '联系电话', optional: true },
          target: { page: 0, x: 1, y: 2, fontSize: 12 },
        },
      ],
    },
  };
  const text = formText(zh, 'zh-Hans', form);
  assert.match(text, /^标题: 居住证明申请表$/m);
  assert.match(text, /^  姓名: 读取身份证：姓名$/m);
  assert.match(text, /^  phone: 居民填写「联系电话」；可不填$/m);
  assert.doesNotMatch(text, /[{}"]/);
});

test('a manual alert template fills level, headline, texts and how long it lasts; the headline follows the level until edited', () => {
  const now = new Date('2026-07-01T02:00:00Z');
  const draft = fromTemplate('typhoon', [7], now);
  assert.equal(draft.severity, 'Severe');
  assert.equal(draft.headline, '台风橙色预警');
  assert.equal(draft.expiresAt, '2026-07-02T02:00:00.000Z', 'a typhoon warning lasts a day unless changed');
  assert.deepEqual(draft.orgIds, [7], 'the area stays as chosen');
  assert.equal(withSeverity(draft, 'Extreme').headline, '台风红色预警');
  const edited = { ...draft, headline: '台风“海葵”橙色预警' };
  assert.equal(withSeverity(edited, 'Extreme').headline, '台风“海葵”橙色预警', 'an edited headline is left alone');
  assert.equal(withSeverity(fromTemplate('water-outage', [], now), 'Moderate').headline, '停水通知');
});

test("a manual alert's server errors are said in the office's words", () => {
  const error = new LinliError('VALIDATION_FAILED', 'x', [
    { path: '/orgIds/1', message: 'organisation 9 is not within yours' },
    { path: '/expiresAt', message: 'must be at most 7 days from now' },
    { path: '/headline', message: 'must not be blank' },
  ]);
  assert.deepEqual(
    fieldProblems(zh, error).map((problem) => [problem.path, problem.problem]),
    [
      ['orgIds/1', '不在你的机构范围内'],
      ['expiresAt', '最长 7 天'],
      ['headline', '不能为空'],
    ],
  );
  assert.equal(fieldProblems(en, error)[1]!.field, 'Ends');
});

test("a utility file's commonest mistakes, and where it may serve, are said in the office's words", () => {
  const error = new LinliError('BILL_PROVIDER_CONFIG_INVALID', 'x', [
    { path: '/timeout', message: 'is not a field of this file' },
    {
      path: '/auth/clientSecret',
      message: 'names the environment variable SUNSHINE_WATER_CLIENT_SECRET, which is not set',
    },
    { path: '/id', message: 'water-sim is the id of a built-in (simulated) utility' },
    { path: '/orgId', message: '阳光水务 (sunshine-water) already serves water at 安和街道' },
    { path: '/orgId', message: 'no such node' },
    // The file checker's other messages name path expressions and placeholders: shown as written.
    {
      path: '/operations/lookupAccount/response/amountDue/path',
      message: 'not a valid path expression: it must start with $',
    },
  ]);
  assert.deepEqual(
    fieldProblems(zh, error).map((problem) => [problem.path, problem.problem]),
    [
      ['timeout', '不是此文件的字段（请检查拼写）'],
      [
        'auth/clientSecret',
        '所引用的环境变量 SUNSHINE_WATER_CLIENT_SECRET 未设置，请在管理服务器的运行环境中设置后再连接',
      ],
      ['id', 'water-sim 是系统内置模拟计费机构的编号，请换一个'],
      ['orgId', '安和街道已接入同类的「阳光水务」（sunshine-water），每个机构每种费用只能接入一家'],
      ['orgId', '该机构不存在（可能已被删除），请重新选择'],
      ['operations/lookupAccount/response/amountDue/path', 'not a valid path expression: it must start with $'],
    ],
  );
  assert.equal(fieldProblems(en, error)[0]!.problem, 'is not a field of this file (check the spelling)');
});

test('alert steps read as words in the audit trail', () => {
  assert.equal(actionWords(zh, 'manual-alert.approve'), '审核通过人工发布预警');
  assert.equal(actionWords(zh, 'manual-alert.cancel'), '撤销人工发布预警');
  assert.equal(actionWords(zh, 'alert-source.revoke'), '停用预警信息源');
  assert.equal(actionWords(en, 'alert-source.feed'), "Set an alert source's feed");
  assert.equal(actionWords(zh, 'device.locate'), '设置终端位置');
});

test("a case's steps read as on its timeline in the audit trail, its changes in words", () => {
  assert.equal(actionWords(zh, 'case.dispatch'), '诉求派单');
  assert.equal(actionWords(zh, 'case.register'), '诉求登记');
  assert.equal(actionWords(ADMIN_STRINGS['zh-Hant'], 'case.visit'), '訴求回訪');
  assert.equal(actionWords(en, 'case.decide-extension'), 'Case: Decide the extension');
  assert.equal(actionWords(zh, 'case.contact-view'), '查看诉求人联系方式');
  assert.equal(actionWords(zh, 'case.list'), '查看列表：诉求');
  assert.deepEqual(objectWords(zh, entry({ targetType: 'case', targetId: '17' })), { kind: '诉求', name: '17' });
  assert.deepEqual(
    changedFields(zh, 'zh-Hans', { state: 'reviewed' }, { state: 'closed', satisfaction: 'basically-satisfied' }).map(
      (change) => [change.field, change.before, change.after],
    ),
    [
      ['状态', '已审核', '已办结'],
      ['回访结果', '', '基本满意'],
    ],
  );
});

test('a case step sends only the fields it takes, blank text left out for the server to name', () => {
  const values = { ...EMPTY_VALUES, note: '  ', reply: '已清运', assigneeOrgId: 7, assigneeUser: ' wang ', days: '3' };
  assert.deepEqual(actionInput('dispatch', 4, values), {
    action: 'dispatch',
    version: 4,
    assigneeOrgId: 7,
    assigneeUser: 'wang',
  });
  assert.deepEqual(actionInput('not-accept', 2, values), { action: 'not-accept', version: 2 });
  assert.deepEqual(actionInput('request-extension', 5, { ...values, note: '需协调环卫所' }), {
    action: 'request-extension',
    version: 5,
    days: 3,
    note: '需协调环卫所',
  });
  assert.deepEqual(actionInput('review', 9, { ...values, approve: false }), {
    action: 'review',
    version: 9,
    approve: false,
  });
  assert.deepEqual(actionInput('sign', 3, values), { action: 'sign', version: 3 });
  // The server's "needs note" and its other checks are said under the field, in words.
  const error = new LinliError('VALIDATION_FAILED', 'x', [
    { path: '/note', message: 'not-accept needs note' },
    { path: '/assigneeUser', message: 'not a handler at that node' },
    { path: 'body/call/callerNumber', message: 'must match pattern "^1\\d{10}$"' },
  ]);
  assert.deepEqual(
    fieldProblems(zh, error).map((problem) => [problem.path, problem.field, problem.problem]),
    [
      ['note', '意见或说明', '不能为空'],
      ['assigneeUser', '承办人', '不是该单位能办理诉求的在岗人员'],
      ['call/callerNumber', '来电号码', '格式不正确'],
    ],
  );
});

test("a case's category and deadline light in words, the dispatch limit in Beijing time", () => {
  const categories = [
    { path: 'sanitation', names: { 'zh-Hans': '市容环卫', 'zh-Hant': '市容環衛', en: 'Sanitation' } },
    { path: 'sanitation/garbage', names: { 'zh-Hans': '垃圾清运', 'zh-Hant': '垃圾清運', en: 'Rubbish' } },
  ];
  assert.equal(categoryWords(categories, 'sanitation/garbage', 'zh-Hans'), '市容环卫 / 垃圾清运');
  assert.equal(categoryWords(categories, 'sanitation/unknown', 'en'), 'sanitation/unknown');
  assert.equal(lightWords(zh, { limit: 'sign', due: '2026-10-08', light: 'yellow' }), '黄灯 · 签收期限 2026-10-08');
  assert.equal(
    lightWords(en, { limit: 'dispatch', due: '2026-10-01T02:00:00.000Z', light: 'red' }),
    'Red · dispatch by 2026-10-01 10:00',
  );
});

test('figures by area fall in up to five classes at their quintiles; an area without a figure is grey', () => {
  const ten = figureClasses([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, null]);
  assert.deepEqual(
    ten.classes.map((band) => [band.from, band.to]),
    [
      [1, 2],
      [3, 4],
      [5, 6],
      [7, 8],
      [9, 10],
    ],
  );
  assert.equal(ten.colourOf(1), CLASS_COLOURS[0]);
  assert.equal(ten.colourOf(10), CLASS_COLOURS[4]);
  assert.equal(ten.colourOf(null), NO_FIGURE_COLOUR);
  const two = figureClasses([30, 12]);
  assert.deepEqual(
    two.classes.map((band) => [band.from, band.to, band.colour]),
    [
      [12, 12, CLASS_COLOURS[0]],
      [30, 30, CLASS_COLOURS[4]],
    ],
    'two figures: the lightest and the darkest',
  );
  assert.deepEqual(figureClasses([7, 7, 7]).classes.length, 1);
  assert.deepEqual(figureClasses([]).classes, []);
});
