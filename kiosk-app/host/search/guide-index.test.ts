/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createGuideIndex } from './guide-index';
import type { SearchDoc } from './guide-index';

function guide(
  id: string,
  title: string,
  aliases: string[],
  keywords: string[],
  body: string,
  category: string,
): SearchDoc {
  return { id, title, aliases, keywords, body, category };
}

const CATALOG: readonly SearchDoc[] = [
  guide(
    'sbk-guashi',
    '社会保障卡挂失',
    ['社保卡', '社保'],
    ['挂失', '丢失'],
    '社会保障卡遗失或被盗后，本人持身份证到社区服务窗口或拨打12333办理临时挂失，挂失后原卡停止使用。',
    '社会保障',
  ),
  guide(
    'sbk-buban',
    '社会保障卡补办',
    ['社保卡补办'],
    ['补卡', '换卡'],
    '已挂失的社会保障卡可在窗口补办，当场制卡，工本费按规定收取。',
    '社会保障',
  ),
  guide(
    'yibao-canbao',
    '医疗保险参保登记',
    ['医保'],
    ['参保', '医疗保险'],
    '用人单位职工及灵活就业人员办理基本医疗保险参保登记。',
    '医疗保障',
  ),
  guide(
    'chengxiang-yibao',
    '城乡居民医疗保险参保登记',
    ['居民医保'],
    ['参保', '新农合'],
    '未参加职工医疗保险的城乡居民按年度参保缴费。',
    '医疗保障',
  ),
  guide(
    'yibao-baoxiao',
    '医疗费用报销',
    ['医保报销'],
    ['报销', '门诊报销'],
    '门诊及住院医疗费用零星报销，需提供发票、费用清单和病历。',
    '医疗保障',
  ),
  guide(
    'dibao',
    '最低生活保障申请',
    ['低保'],
    ['困难家庭', '救助'],
    '共同生活的家庭成员人均收入低于当地最低生活保障标准的，可向户籍所在地街道申请。',
    '社会救助',
  ),
  guide(
    'tekun',
    '特困人员救助供养',
    ['五保'],
    ['救助'],
    '无劳动能力、无生活来源的老年人、残疾人和未成年人，已享受低保的按规定转为特困供养。',
    '社会救助',
  ),
  guide(
    'juzhu-zhengming',
    '社区居住证明开具',
    ['居住证明'],
    ['证明'],
    '居民因入学、就业需要证明实际居住情况的，由社区居委会核实后开具。',
    '户籍居住',
  ),
  guide(
    'jzz-shenling',
    '居住证申领',
    [],
    ['居住证', '暂住证'],
    '在本市居住半年以上，有合法稳定就业、住所或连续就读的，可申领居住证，领证后每年办理签注。',
    '户籍居住',
  ),
  guide('jzz-qianzhu', '居住证签注', [], ['续签', '居住证'], '居住证每年签注一次，逾期未签注的暂停使用。', '户籍居住'),
  guide(
    'gjj-tiqu',
    '住房公积金提取',
    ['公积金'],
    ['提取', '租房提取'],
    '购房、租房、离退休等情形可提取住房公积金。',
    '住房公积金',
  ),
  guide(
    'gjj-huankuan',
    '住房公积金贷款还款',
    ['公积金贷款'],
    ['还贷', '提前还款'],
    '可选择按月还款或提前部分还款，还款日为每月20日。',
    '住房公积金',
  ),
  guide(
    'laonianzheng',
    '老年人优待证办理',
    ['老年证'],
    ['长者', '优待'],
    '年满60周岁的常住老年人可申请办理优待证，凭证享受公园、公交等优待。',
    '养老助残',
  ),
  guide(
    'canjizheng',
    '残疾人证申领',
    ['残疾证'],
    ['残疾人'],
    '经指定医疗机构评定残疾等级后，向户籍所在地申领残疾人证。',
    '养老助残',
  ),
  guide(
    'hukou-qianru',
    '户籍迁入登记',
    ['户口迁移', '户口'],
    ['落户', '迁户口'],
    '符合落户条件的，持准迁证明到派出所办理户口迁入。',
    '户籍居住',
  ),
  guide('shuifei', '水费缴纳', [], ['缴费', '水费'], '可通过社区服务中心自助终端、银行或手机缴纳水费。', '生活缴费'),
];

function catalogIndex() {
  const index = createGuideIndex();
  for (const doc of CATALOG) index.upsert(doc);
  return index;
}

function ids(query: string, options?: { limit?: number; category?: string }): string[] {
  return catalogIndex()
    .search(query, options)
    .map((hit) => hit.id);
}

test('挂失 (two characters) lists the lost-card guide first and text-only mentions last', () => {
  const hits = catalogIndex().search('挂失');
  assert.equal(hits[0]?.id, 'sbk-guashi');
  assert.deepEqual(
    hits.slice(1).map((hit) => [hit.id, hit.field]),
    [['sbk-buban', 'body']],
  );
});

test('低保 finds 最低生活保障申请 through its alias, ahead of a guide that only mentions 低保', () => {
  const hits = catalogIndex().search('低保');
  assert.deepEqual(
    hits.map((hit) => [hit.id, hit.field]),
    [
      ['dibao', 'alias'],
      ['tekun', 'body'],
    ],
  );
});

test('a single character finds every guide naming it, names before body text', () => {
  const hits = catalogIndex().search('证');
  const byName = hits.filter((hit) => hit.field !== 'body').map((hit) => hit.id);
  const expected = ['jzz-shenling', 'jzz-qianzhu', 'juzhu-zhengming', 'laonianzheng', 'canjizheng'];
  assert.deepEqual(new Set(byName), new Set(expected));
  assert.ok(hits.findIndex((hit) => hit.field === 'body') >= byName.length, 'body matches come last');
});

test('the title that most nearly is what was typed comes first: 居住证申领 is about 居住证', () => {
  assert.deepEqual(ids('居住').slice(0, 3), ['jzz-shenling', 'juzhu-zhengming', 'jzz-qianzhu']);
  assert.equal(ids('居住证')[0], 'jzz-shenling', '申领 only says it is applied for');
});

test('typing a whole title puts that guide first', () => {
  assert.equal(ids('居住证签注')[0], 'jzz-qianzhu');
  assert.equal(ids('城乡居民医疗保险参保登记')[0], 'chengxiang-yibao');
});

test("a title match beats a match in another guide's text", () => {
  const hits = catalogIndex().search('签注');
  assert.deepEqual(
    hits.map((hit) => [hit.id, hit.field]),
    [
      ['jzz-qianzhu', 'title'],
      ['jzz-shenling', 'body'],
    ],
  );
});

test('full pinyin of an alias: shebao finds the 社保 guide first', () => {
  assert.equal(ids('shebao')[0], 'sbk-guashi');
  assert.equal(ids('juzhuzheng')[0], 'jzz-shenling');
});

test('initials of an alias: sbk finds both social security card guides and nothing else', () => {
  assert.deepEqual(ids('sbk'), ['sbk-guashi', 'sbk-buban']);
});

test('sb finds the guide aliased 社保 first; 参保 (can bao) in a title does not read as sb', () => {
  const found = ids('sb');
  assert.equal(found[0], 'sbk-guashi');
  assert.ok(!found.includes('chengxiang-yibao'));
  assert.ok(!found.includes('yibao-canbao'));
});

test('gjj and jzz find guides by initials', () => {
  assert.deepEqual(ids('gjj'), ['gjj-tiqu', 'gjj-huankuan']);
  assert.equal(ids('jzz')[0], 'jzz-shenling');
});

test('还款 is found as huankuan, the way residents say it', () => {
  assert.equal(ids('huankuan')[0], 'gjj-huankuan');
  assert.equal(ids('huandai')[0], 'gjj-huankuan', 'keyword 还贷');
});

test('Traditional input finds Simplified guides', () => {
  assert.equal(ids('社區居住證明')[0], 'juzhu-zhengming');
  assert.ok(ids('社區').includes('juzhu-zhengming'));
  assert.equal(ids('醫保')[0], 'yibao-canbao');
});

test('full-width and upper-case letters from a Chinese IME behave like plain ones', () => {
  assert.deepEqual(ids('ｓｂｋ'), ids('sbk'));
  assert.deepEqual(ids('ＳＨＥＢＡＯ'), ids('shebao'));
});

test('words separated by a space must all match', () => {
  assert.deepEqual(ids('社保 gs'), ['sbk-guashi']);
  assert.deepEqual(ids('医保 报销'), ['yibao-baoxiao']);
  assert.equal(ids('shebao 挂失')[0], 'sbk-guashi');
  assert.deepEqual(ids('社保gs'), ['sbk-guashi'], 'the same without the space');
});

test('when no guide matches every word, guides matching some are listed, marked partial', () => {
  const hits = catalogIndex().search('低保 公积金');
  assert.deepEqual(
    hits
      .slice(0, 2)
      .map((hit) => hit.id)
      .sort(),
    ['dibao', 'gjj-tiqu'],
  );
  assert.ok(hits.every((hit) => hit.partial === true));
  assert.ok(
    catalogIndex()
      .search('医保 报销')
      .every((hit) => hit.partial === undefined),
    'a full match is not partial',
  );
});

test('the category filter keeps only that category', () => {
  assert.deepEqual(ids('证', { category: '养老助残' }), ['canjizheng', 'laonianzheng']);
  assert.deepEqual(ids('低保', { category: '社会救助' }), ['dibao', 'tekun']);
  assert.deepEqual(ids('低保', { category: '户籍居住' }), []);
});

test('the limit caps the hits, keeping the best', () => {
  assert.deepEqual(ids('证', { limit: 2 }), ids('证').slice(0, 2));
  assert.equal(ids('证', { limit: 0 }).length, 0);
});

test('an empty or blank query returns nothing', () => {
  const index = catalogIndex();
  assert.deepEqual(index.search(''), []);
  assert.deepEqual(index.search(' \u3000 '), []);
});

test('removing a guide drops it from results; upserting again brings it back changed', () => {
  const index = catalogIndex();
  assert.equal(index.size(), CATALOG.length);
  index.remove('dibao');
  assert.equal(index.size(), CATALOG.length - 1);
  assert.deepEqual(
    index.search('低保').map((hit) => hit.id),
    ['tekun'],
  );
  assert.deepEqual(index.search('zdsh'), []);

  index.upsert(guide('dibao', '城乡低保申请', [], ['救助'], '', '社会救助'));
  assert.equal(index.size(), CATALOG.length);
  assert.deepEqual(
    index.search('低保').map((hit) => [hit.id, hit.field]),
    [
      ['dibao', 'title'],
      ['tekun', 'body'],
    ],
  );
  assert.ok(
    index.search('最低生活保障').every((hit) => hit.id !== 'dibao'),
    'the old title is gone',
  );
});

test('upserting an existing id replaces the guide instead of adding one', () => {
  const index = catalogIndex();
  index.upsert(guide('shuifei', '水费缴纳', ['交水费'], ['缴费'], '', '生活缴费'));
  assert.equal(index.size(), CATALOG.length);
  assert.deepEqual(
    index.search('交水费').map((hit) => [hit.id, hit.field]),
    [['shuifei', 'alias']],
  );
  index.clear();
  assert.equal(index.size(), 0);
  assert.deepEqual(index.search('水费'), []);
});

test('highlights mark the matched characters of the title', () => {
  const index = catalogIndex();
  assert.deepEqual(index.search('挂失')[0]?.titleHighlights, [[5, 7]]);
  assert.deepEqual(index.search('jzz')[0]?.titleHighlights, [[0, 3]]);
  assert.deepEqual(index.search('juzhu')[0]?.titleHighlights, [[0, 2]]);
  assert.deepEqual(index.search('社会 挂失')[0]?.titleHighlights, [
    [0, 2],
    [5, 7],
  ]);
  assert.deepEqual(index.search('sb')[0]?.titleHighlights, [], 'matched only through the alias 社保');
});

test('highlights point into the original title even when it is Traditional or full-width', () => {
  const index = createGuideIndex();
  index.upsert(guide('hk-laonian', '長者優待證（６５歲以上）辦理', ['老年證'], [], '', '养老助残'));
  const [hit] = index.search('优待证');
  assert.deepEqual(hit?.titleHighlights, [[2, 5]]);
  assert.deepEqual(index.search('办理')[0]?.titleHighlights, [[12, 14]]);
  assert.equal(index.search('laonianzheng')[0]?.id, 'hk-laonian', 'pinyin of a Traditional alias');
});

test('a title naming the query beats guides that carry it as a keyword many guides share', () => {
  const index = createGuideIndex();
  index.upsert(guide('jzz-buling', '居住证补领', ['居住证丢了'], ['挂失', '补办'], '居住证遗失后补领。', '居住证'));
  index.upsert(guide('hzb-buling', '户口簿补领', ['户口本丢了'], ['挂失', '补办'], '户口簿遗失后补领。', '户籍'));
  index.upsert(guide('jhz-buling', '结婚证补领', ['结婚证丢了'], ['挂失', '补办'], '结婚证遗失后补领。', '婚姻'));
  index.upsert(guide('sbk-guashi', '社会保障卡挂失', ['社保卡'], ['丢失'], '遗失后挂失。', '社会保障'));
  assert.equal(index.search('挂失')[0]?.id, 'sbk-guashi');
});

test('a keyword only one guide carries is strong evidence; one many guides share is weak', () => {
  const index = createGuideIndex();
  index.upsert(guide('wfz', '无犯罪记录证明', [], ['良民证', '开证明'], '', '证明'));
  index.upsert(guide('jzzm', '社区居住证明开具', [], ['开证明'], '', '证明'));
  index.upsert(guide('qszm', '亲属关系证明', [], ['开证明'], '', '证明'));
  const [unique] = index.search('良民证');
  const [shared] = index.search('开证明');
  assert.equal(unique?.id, 'wfz');
  assert.equal(shared?.field, 'keyword');
  assert.ok((unique?.score ?? 0) > 2 * (shared?.score ?? 1), `${unique?.score} vs ${shared?.score}`);
});

test('everyday phrasing finds the guide: question words dropped, 续签 read as 签注, 丢了 as 挂失', () => {
  assert.equal(ids('居住证怎么续签')[0], 'jzz-qianzhu');
  assert.equal(ids('社保卡丢了怎么办')[0], 'sbk-guashi');
  assert.equal(ids('老年证在哪里办')[0], 'laonianzheng');
  assert.equal(ids('请问公积金怎么提取呢')[0], 'gjj-tiqu');
});

test('a slip on the pinyin keyboard still finds the guide: homophones and one letter off', () => {
  assert.equal(ids('居住正')[0], 'jzz-shenling', '正 sounds like 证');
  assert.equal(ids('低宝')[0], 'dibao');
  assert.equal(ids('gongjijn')[0], 'gjj-tiqu', 'a letter missing');
  assert.equal(ids('shebo')[0], 'sbk-guashi');
});

test('a long query that matches nothing whole is found by the words of it that name guides', () => {
  const hits = catalogIndex().search('低保一个月多少钱');
  assert.equal(hits[0]?.id, 'dibao');
  assert.equal(hits[0]?.partial, true, 'said to be a partial match');
  assert.deepEqual(catalogIndex().search('驾驶证年审'), [], 'nothing is invented when no word names a guide');
});

test('among equal matches the guide opened more often comes first, but views never beat a better match', () => {
  const index = createGuideIndex();
  index.upsert(guide('a-qianzhu', '居住证签注', [], [], '', '户籍居住'));
  index.upsert(guide('b-buling', '居住证补领', [], [], '', '户籍居住'));
  index.upsert(guide('c-shenling', '居住证申领', [], [], '', '户籍居住'));
  assert.deepEqual(idsOf(index, '居住证'), ['c-shenling', 'a-qianzhu', 'b-buling']);
  index.setViews(
    new Map([
      ['b-buling', 900],
      ['a-qianzhu', 10],
    ]),
  );
  assert.deepEqual(idsOf(index, '居住证'), ['c-shenling', 'b-buling', 'a-qianzhu']);
  index.setViews(new Map());
  assert.deepEqual(idsOf(index, '居住证'), ['c-shenling', 'a-qianzhu', 'b-buling'], 'views can be cleared');
});

function idsOf(index: ReturnType<typeof createGuideIndex>, query: string): string[] {
  return index.search(query).map((hit) => hit.id);
}
