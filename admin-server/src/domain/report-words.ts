/** What reports say in their documents (the tables, the PDF, the monthly report), in three languages (pure). */
import { periodName, type Locale } from '@linli/protocol';
import { statsPeriodOf } from './report-period';

export interface ReportWords {
  unit: string;
  day: string;
  month: string;
  quarter: string;
  total: (nodeName: string) => string;
  times: string;
  minutes: string;
  days: (from: string, to: string) => string;
  monthlyTitle: (nodeName: string, month: string) => string;
  overview: string;
  thisPeriod: string;
  previousPeriod: string;
  change: string;
  measure: string;
  byUnit: string;
  byDay: string;
  misses: string;
  query: string;
  count: string;
  topGuides: string;
  guide: string;
  figures: (category: string) => string;
  statistics: string;
  noFigures: string;
  generated: (at: string) => string;
  page: (n: number, of: number) => string;
}

export const REPORT_WORDS: Record<Locale, ReportWords> = {
  'zh-Hans': {
    unit: '单位',
    day: '日期',
    month: '月份',
    quarter: '季度',
    total: (name) => `${name}（合计）`,
    times: '次',
    minutes: '分钟',
    days: (from, to) => `${from} 至 ${to}`,
    monthlyTitle: (name, month) => `${name}${month}工作月报`,
    overview: '服务概况',
    thisPeriod: '本月',
    previousPeriod: '上月',
    change: '变化（%）',
    measure: '项目',
    byUnit: '各单位服务情况',
    byDay: '每日服务人次与查询',
    misses: '无结果的查询（请补充指南或别名）',
    query: '查询词',
    count: '次数',
    topGuides: '浏览最多的指南',
    guide: '指南',
    figures: (category) => `社区统计 · ${category}`,
    statistics: '社区统计',
    noFigures: '本月尚无审核通过的社区统计数据。',
    generated: (at) => `生成时间：${at}（北京时间）`,
    page: (n, of) => `第 ${n} 页，共 ${of} 页`,
  },
  'zh-Hant': {
    unit: '單位',
    day: '日期',
    month: '月份',
    quarter: '季度',
    total: (name) => `${name}（合計）`,
    times: '次',
    minutes: '分鐘',
    days: (from, to) => `${from} 至 ${to}`,
    monthlyTitle: (name, month) => `${name}${month}工作月報`,
    overview: '服務概況',
    thisPeriod: '本月',
    previousPeriod: '上月',
    change: '變化（%）',
    measure: '項目',
    byUnit: '各單位服務情況',
    byDay: '每日服務人次與查詢',
    misses: '無結果的查詢（請補充指南或別名）',
    query: '查詢詞',
    count: '次數',
    topGuides: '瀏覽最多的指南',
    guide: '指南',
    figures: (category) => `社區統計 · ${category}`,
    statistics: '社區統計',
    noFigures: '本月尚無審核通過的社區統計數據。',
    generated: (at) => `產生時間：${at}（北京時間）`,
    page: (n, of) => `第 ${n} 頁，共 ${of} 頁`,
  },
  en: {
    unit: 'Unit',
    day: 'Day',
    month: 'Month',
    quarter: 'Quarter',
    total: (name) => `${name} (total)`,
    times: 'times',
    minutes: 'minutes',
    days: (from, to) => `${from} to ${to}`,
    monthlyTitle: (name, month) => `${name}: monthly report, ${month}`,
    overview: 'Overview',
    thisPeriod: 'This month',
    previousPeriod: 'Month before',
    change: 'Change (%)',
    measure: 'Measure',
    byUnit: 'Service by unit',
    byDay: 'Visits and searches by day',
    misses: 'Searches that found nothing (add guides or aliases)',
    query: 'Search words',
    count: 'Count',
    topGuides: 'Guides opened most',
    guide: 'Guide',
    figures: (category) => `Community statistics · ${category}`,
    statistics: 'Community statistics',
    noFigures: 'No community statistics approved for this month yet.',
    generated: (at) => `Generated ${at} (Beijing time)`,
    page: (n, of) => `Page ${n} of ${of}`,
  },
};

/** The days as people say them: 2026年11月 when they are a whole month, quarter or year, else from … to. */
export function daysName(locale: Locale, from: string, to: string): string {
  const period = statsPeriodOf(from, to);
  return period ? periodName(locale, period) : REPORT_WORDS[locale].days(from, to);
}
