/** What the 统计报表 page says, in the three languages of the admin UI, and a new report's draft (pure). */
import type {
  Locale,
  ReportChart,
  ReportDefinition,
  ReportFormat,
  ReportPeriod,
  ReportRows,
  ReportSource,
} from '@linli/protocol';

/** A new report: the month before's visits and searches by unit, as bars. */
export function newReport(name: string): ReportDefinition {
  return {
    name,
    source: 'usage',
    measures: ['visit', 'search'],
    rows: 'units',
    period: 'last-month',
    filters: {},
    sort: 'natural',
    chart: 'bar',
    monthly: false,
  };
}

/** The measures a source starts with when the user switches to it. */
export function firstMeasures(source: ReportSource, indicatorIds: string[]): string[] {
  return source === 'usage' ? ['visit', 'search'] : indicatorIds.slice(0, 2);
}

/** Adds or removes a measure, keeping the order they were picked in; the filter's measure goes with it. */
export function toggleMeasure(definition: ReportDefinition, measure: string): ReportDefinition {
  const has = definition.measures.includes(measure);
  const measures = has ? definition.measures.filter((each) => each !== measure) : [...definition.measures, measure];
  const { atLeast, ...others } = definition.filters;
  return { ...definition, measures, filters: atLeast?.measure === measure && has ? others : definition.filters };
}

export interface ReportWords {
  hint: string;
  monthlyTitle: string;
  monthlyHint: string;
  month: string;
  unit: string;
  download: (format: ReportFormat) => string;
  savedTitle: string;
  noneSaved: string;
  name: string;
  source: string;
  sources: Record<ReportSource, string>;
  measures: string;
  rows: string;
  rowChoices: Record<ReportRows, string>;
  period: string;
  periods: Record<ReportPeriod, string>;
  from: string;
  to: string;
  filters: string;
  hideEmpty: string;
  atLeast: string;
  noThreshold: string;
  onlyUnits: string;
  sort: string;
  sorts: Record<ReportDefinition['sort'], string>;
  chart: string;
  charts: Record<ReportChart, string>;
  monthly: string;
  monthlyNote: string;
  builderTitle: (editing: string | null) => string;
  newReport: string;
  defaultName: string;
  preview: string;
  previewing: string;
  save: string;
  saveAsNew: string;
  saved: (name: string) => string;
  open: string;
  remove: string;
  confirmRemove: (name: string) => string;
  kept: string;
  chartOf: (name: string) => string;
  noRows: string;
  updated: (by: string, at: string) => string;
  monthlyBadge: string;
}

const FORMAT_NAMES: Record<ReportFormat, string> = { csv: 'CSV', xlsx: 'Excel', pdf: 'PDF' };

export const REPORT_PAGE_WORDS: Record<Locale, ReportWords> = {
  'zh-Hans': {
    hint: '用本辖区的使用统计和社区统计数据自定义报表：选指标、行、时段和范围，预览后保存；按月报表每月1日自动生成上月报表。',
    monthlyTitle: '一键月报',
    monthlyHint:
      '本单位一个月的服务概况、各下级单位、每日走势、热门指南、无结果查询和已审核的社区统计，可直接打印（A4）。',
    month: '月份',
    unit: '单位',
    download: (format) => `下载 ${FORMAT_NAMES[format]}`,
    savedTitle: '已保存的报表',
    noneSaved: '还没有保存的报表。',
    name: '报表名称',
    source: '数据来源',
    sources: { usage: '使用统计（终端）', indicators: '社区统计（已审核）' },
    measures: '指标',
    rows: '按行列出',
    rowChoices: { units: '下级单位', time: '时间（日、月或季度）' },
    period: '时段',
    periods: {
      'last-month': '上月',
      'this-month': '本月',
      'last-quarter': '上季度',
      'this-year': '今年',
      'last-year': '去年',
      custom: '自定义日期',
    },
    from: '开始日期',
    to: '结束日期',
    filters: '筛选',
    hideEmpty: '不列全为零的行',
    atLeast: '只列此指标不少于',
    noThreshold: '（不限）',
    onlyUnits: '只列这些单位（都不选则全部列出）',
    sort: '排序',
    sorts: { natural: '按单位或时间顺序', 'first-measure-desc': '按第一个指标从大到小' },
    chart: '图表',
    charts: { bar: '柱状图', line: '折线图', none: '不画图' },
    monthly: '按月自动生成',
    monthlyNote: '每月1日生成上月的报表并保留，可随时下载。',
    builderTitle: (editing) => (editing ? `修改报表：${editing}` : '设计新报表'),
    newReport: '新建报表',
    defaultName: '新报表',
    preview: '预览',
    previewing: '正在计算…',
    save: '保存',
    saveAsNew: '另存为新报表',
    saved: (name) => `已保存「${name}」`,
    open: '打开',
    remove: '删除',
    confirmRemove: (name) => `确定删除报表「${name}」及其已生成的月报吗？`,
    kept: '已生成的月报',
    chartOf: (name) => `${name}的图表`,
    noRows: '没有符合条件的行。',
    updated: (by, at) => `${by} 修改于 ${at}`,
    monthlyBadge: '按月',
  },
  'zh-Hant': {
    hint: '用本轄區的使用統計和社區統計數據自訂報表：選指標、行、時段和範圍，預覽後保存；按月報表每月1日自動產生上月報表。',
    monthlyTitle: '一鍵月報',
    monthlyHint:
      '本單位一個月的服務概況、各下級單位、每日走勢、熱門指南、無結果查詢和已審核的社區統計，可直接列印（A4）。',
    month: '月份',
    unit: '單位',
    download: (format) => `下載 ${FORMAT_NAMES[format]}`,
    savedTitle: '已保存的報表',
    noneSaved: '還沒有保存的報表。',
    name: '報表名稱',
    source: '數據來源',
    sources: { usage: '使用統計（終端）', indicators: '社區統計（已審核）' },
    measures: '指標',
    rows: '按行列出',
    rowChoices: { units: '下級單位', time: '時間（日、月或季度）' },
    period: '時段',
    periods: {
      'last-month': '上月',
      'this-month': '本月',
      'last-quarter': '上季度',
      'this-year': '今年',
      'last-year': '去年',
      custom: '自訂日期',
    },
    from: '開始日期',
    to: '結束日期',
    filters: '篩選',
    hideEmpty: '不列全為零的行',
    atLeast: '只列此指標不少於',
    noThreshold: '（不限）',
    onlyUnits: '只列這些單位（都不選則全部列出）',
    sort: '排序',
    sorts: { natural: '按單位或時間順序', 'first-measure-desc': '按第一個指標從大到小' },
    chart: '圖表',
    charts: { bar: '柱狀圖', line: '折線圖', none: '不畫圖' },
    monthly: '按月自動產生',
    monthlyNote: '每月1日產生上月的報表並保留，可隨時下載。',
    builderTitle: (editing) => (editing ? `修改報表：${editing}` : '設計新報表'),
    newReport: '新建報表',
    defaultName: '新報表',
    preview: '預覽',
    previewing: '正在計算…',
    save: '保存',
    saveAsNew: '另存為新報表',
    saved: (name) => `已保存「${name}」`,
    open: '開啟',
    remove: '刪除',
    confirmRemove: (name) => `確定刪除報表「${name}」及其已產生的月報嗎？`,
    kept: '已產生的月報',
    chartOf: (name) => `${name}的圖表`,
    noRows: '沒有符合條件的行。',
    updated: (by, at) => `${by} 修改於 ${at}`,
    monthlyBadge: '按月',
  },
  en: {
    hint: "Build reports from your area's usage and community statistics: pick the measures, rows, period and unit, preview, then save. Monthly reports are made on the 1st for the month before.",
    monthlyTitle: 'Monthly report in one click',
    monthlyHint:
      "A unit's month: the overview, the units below, the days, guides opened most, searches that found nothing and the approved community figures, ready to print on A4.",
    month: 'Month',
    unit: 'Unit',
    download: (format) => `Download ${FORMAT_NAMES[format]}`,
    savedTitle: 'Saved reports',
    noneSaved: 'No reports saved yet.',
    name: 'Report name',
    source: 'Figures from',
    sources: { usage: 'Service usage (kiosks)', indicators: 'Community statistics (approved)' },
    measures: 'Measures',
    rows: 'One row per',
    rowChoices: { units: 'unit below', time: 'day, month or quarter' },
    period: 'Period',
    periods: {
      'last-month': 'Last month',
      'this-month': 'This month',
      'last-quarter': 'Last quarter',
      'this-year': 'This year',
      'last-year': 'Last year',
      custom: 'Custom dates',
    },
    from: 'From',
    to: 'To',
    filters: 'Filters',
    hideEmpty: 'Leave out rows that are all zero',
    atLeast: 'Only rows where this measure is at least',
    noThreshold: '(any)',
    onlyUnits: 'Only these units (none ticked: all)',
    sort: 'Order',
    sorts: { natural: 'Units or time in order', 'first-measure-desc': 'First measure, largest first' },
    chart: 'Chart',
    charts: { bar: 'Bars', line: 'Lines', none: 'No chart' },
    monthly: 'Make it every month',
    monthlyNote: 'On the 1st, the month before is made and kept for download.',
    builderTitle: (editing) => (editing ? `Editing: ${editing}` : 'New report'),
    newReport: 'New report',
    defaultName: 'New report',
    preview: 'Preview',
    previewing: 'Working…',
    save: 'Save',
    saveAsNew: 'Save as a new report',
    saved: (name) => `Saved “${name}”`,
    open: 'Open',
    remove: 'Delete',
    confirmRemove: (name) => `Delete the report “${name}” and the months it kept?`,
    kept: 'Months kept',
    chartOf: (name) => `Chart of ${name}`,
    noRows: 'No rows match.',
    updated: (by, at) => `${by}, ${at}`,
    monthlyBadge: 'monthly',
  },
};
