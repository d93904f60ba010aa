/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cardinal, spokenNumbers } from './spoken-numbers';

/** Written in the demo guides → said by read-aloud. */
const CASES: ReadonlyArray<readonly [string, string]> = [
  ['30日内办结', '三十日内办结'],
  ['当场或3个工作日', '当场或三个工作日'],
  ['45日（可延长15日）', '四十五日（可延长十五日）'],
  ['周一至周五 8:30-11:30，13:30-17:30', '周一至周五 八点三十到十一点三十，十三点三十到十七点三十'],
  ['周六、周日 9:00-11:30 值班', '周六、周日 九点到十一点三十 值班'],
  ['8:05开门', '八点零五开门'],
  ['工本费20元', '工本费二十元'],
  ['按月托管每月600元起', '按月托管每月六百元起'],
  ['每孩每年3600元', '每孩每年三千六百元'],
  ['个人贷款最高30万元', '个人贷款最高三十万元'],
  ['收费¥1,200.50', '收费一千二百点五元'],
  ['夫妇可在孕前3至6个月免费参加', '夫妇可在孕前三到六个月免费参加'],
  ['3-5个工作日', '三到五个工作日'],
  ['给予30元至160元缴费补贴', '给予三十元至一百六十元缴费补贴'],
  ['报销比例50%', '报销比例百分之五十'],
  ['缴费后次年1月1日起享受待遇', '缴费后次年一月一日起享受待遇'],
  ['2024年6月1日起', '二零二四年六月一日起'],
  ['2024-06-01', '二零二四年六月一日'],
  ['年满60周岁', '年满六十周岁'],
  ['24小时接待', '二十四小时接待'],
  ['电话：0710-86231201', '电话：零七幺零，八六二三幺二零幺'],
  ['拨打12345热线', '拨打幺二三四五热线'],
  ['或拨打12333办理临时挂失', '或拨打幺二三三三办理临时挂失'],
  ['手机13812345678', '手机幺三八幺二三四五六七八'],
  ['和平路120号', '和平路一百二十号'],
];

test('read-aloud says numbers, times, ranges, money, dates and telephone numbers as people say them', () => {
  for (const [written, said] of CASES) assert.equal(spokenNumbers(written), said, written);
});

test('whole numbers are said with their units and the zeros people say', () => {
  const said = ['0', '10', '15', '105', '110', '200', '2000', '2303', '10000', '10001', '1000010', '100000000'].map(
    cardinal,
  );
  assert.deepEqual(said, [
    '零',
    '十',
    '十五',
    '一百零五',
    '一百一十',
    '两百',
    '两千',
    '两千三百零三',
    '一万',
    '一万零一',
    '一百万零一十',
    '一亿',
  ]);
  assert.equal(cardinal('1234567890123'), '一二三四五六七八九零一二三', 'a long code digit by digit');
});
