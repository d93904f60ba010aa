/** What the community statistics pages (统计查询, 数据填报, 指标体系) say, in three languages, and their periods (pure). */
import { previousPeriod, type IndicatorPeriodicity, type Locale, type ReportState } from '@linli/protocol';

/** The last whole period of a kind before `now` (epoch ms, Beijing): last month, last quarter, last year. */
export function lastPeriod(kind: IndicatorPeriodicity, now: number): string {
  const today = new Date(now + 8 * 3600_000);
  const year = today.getUTCFullYear();
  const month = today.getUTCMonth() + 1;
  if (kind === 'year') return String(year - 1);
  if (kind === 'quarter') return previousPeriod(`${year}-Q${Math.ceil(month / 3)}`);
  return previousPeriod(`${year}-${String(month).padStart(2, '0')}`);
}

export interface StatsWords {
  figuresTitle: string;
  reportsTitle: string;
  catalogueTitle: string;
  periodKind: string;
  periodKinds: Record<IndicatorPeriodicity, string>;
  period: string;
  previous: string;
  next: string;
  category: string;
  allCategories: string;
  trail: string;
  indicator: string;
  unit: string;
  total: string;
  previousTotal: string;
  change: (percent: number) => string;
  open: (name: string) => string;
  coverage: (approved: number, expected: number) => string;
  derived: string;
  noFigure: string;
  chartOf: (name: string) => string;
  mapOf: (name: string) => string;
  pickIndicator: string;
  states: Record<ReportState, string>;
  notStarted: string;
  node: string;
  state: string;
  fill: string;
  save: string;
  submit: string;
  approve: string;
  returnIt: string;
  comment: string;
  saved: string;
  submitted: string;
  approved: string;
  returned: string;
  back: string;
  nothingToReport: string;
  reviewedBy: (name: string, comment: string | null) => string;
  template: string;
  importColumns: string;
  importReport: (report: { dryRun: boolean; rows: number; reports: number; values: number }) => string;
  catalogueHint: string;
  catalogueEdit: string;
  catalogueSave: string;
  catalogueSaved: (version: number) => string;
  kinds: Record<'count' | 'rate' | 'amount', string>;
  aggregations: Record<'sum' | 'latest' | 'average', string>;
  reportedBy: string;
  levels: Record<'street' | 'community' | 'grid', string>;
  aggregation: string;
  formula: string;
  weightedBy: (name: string) => string;
  exportCsv: string;
  exportXlsx: string;
}

const ZH_HANS: StatsWords = {
  figuresTitle: '统计查询',
  reportsTitle: '数据填报',
  catalogueTitle: '指标体系',
  periodKind: '统计周期',
  periodKinds: { month: '月度', quarter: '季度', year: '年度' },
  period: '统计期',
  previous: '上一期',
  next: '下一期',
  category: '类别',
  allCategories: '全部类别',
  trail: '所在层级',
  indicator: '指标',
  unit: '单位',
  total: '合计',
  previousTotal: '上一期',
  change: (percent) => `${percent > 0 ? '+' : percent < 0 ? '−' : '±'}${Math.abs(percent)}%`,
  open: (name) => `查看${name}`,
  coverage: (approved, expected) => `已审核数据：${approved} / ${expected} 个填报单位`,
  derived: '计算指标',
  noFigure: '—',
  chartOf: (name) => `图表：${name}（按下级单位）`,
  mapOf: (name) => `地图：${name}（按网格）`,
  pickIndicator: '点击指标查看下级单位对比图',
  states: { draft: '草稿', submitted: '待审核', approved: '已通过', returned: '已退回' },
  notStarted: '未填报',
  node: '填报单位',
  state: '状态',
  fill: '填报',
  save: '保存草稿',
  submit: '提交审核',
  approve: '审核通过',
  returnIt: '退回',
  comment: '审核意见',
  saved: '已保存草稿。',
  submitted: '已提交，等待上级审核。',
  approved: '已审核通过，数据计入统计。',
  returned: '已退回填报单位。',
  back: '返回列表',
  nothingToReport: '本统计期没有需要本单位填报的指标。',
  reviewedBy: (name, comment) => `审核人：${name}${comment ? `，意见：${comment}` : ''}`,
  template: '下载填报模板（Excel）',
  importColumns: '单位代码、统计期（如 2026-11、2026-Q4、2026），其后每列一个指标（按模板）',
  importReport: (report) =>
    report.dryRun
      ? `检查完毕：${report.rows} 行、${report.reports} 份报表、${report.values} 个数据，没有发现问题。`
      : `已导入 ${report.reports} 份报表（${report.values} 个数据），已提交上级审核。`,
  catalogueHint: '各街道、社区按本指标体系填报。只报汇总数字，不填写任何个人信息。计算指标由系统按公式算出，不需填报。',
  catalogueEdit: '编辑指标体系（JSON）',
  catalogueSave: '保存指标体系',
  catalogueSaved: (version) => `已保存为第 ${version} 版。`,
  kinds: { count: '数量', rate: '比率', amount: '金额/面积' },
  aggregations: { sum: '逐期累加', latest: '取期末数', average: '平均' },
  reportedBy: '填报层级',
  levels: { street: '街道', community: '社区', grid: '网格' },
  aggregation: '汇总方式',
  formula: '计算公式',
  weightedBy: (name) => `按「${name}」加权`,
  exportCsv: '导出 CSV',
  exportXlsx: '导出 Excel',
};

const ZH_HANT: StatsWords = {
  ...ZH_HANS,
  figuresTitle: '統計查詢',
  reportsTitle: '數據填報',
  catalogueTitle: '指標體系',
  periodKind: '統計週期',
  periodKinds: { month: '月度', quarter: '季度', year: '年度' },
  period: '統計期',
  previous: '上一期',
  next: '下一期',
  category: '類別',
  allCategories: '全部類別',
  trail: '所在層級',
  indicator: '指標',
  unit: '單位',
  total: '合計',
  previousTotal: '上一期',
  change: (percent) => `${percent > 0 ? '+' : percent < 0 ? '−' : '±'}${Math.abs(percent)}%`,
  open: (name) => `查看${name}`,
  coverage: (approved, expected) => `已審核數據：${approved} / ${expected} 個填報單位`,
  derived: '計算指標',
  chartOf: (name) => `圖表：${name}（按下級單位）`,
  mapOf: (name) => `地圖：${name}（按網格）`,
  pickIndicator: '點擊指標查看下級單位對比圖',
  states: { draft: '草稿', submitted: '待審核', approved: '已通過', returned: '已退回' },
  notStarted: '未填報',
  node: '填報單位',
  state: '狀態',
  fill: '填報',
  save: '儲存草稿',
  submit: '提交審核',
  approve: '審核通過',
  returnIt: '退回',
  comment: '審核意見',
  saved: '已儲存草稿。',
  submitted: '已提交，等待上級審核。',
  approved: '已審核通過，數據計入統計。',
  returned: '已退回填報單位。',
  back: '返回列表',
  nothingToReport: '本統計期沒有需要本單位填報的指標。',
  reviewedBy: (name, comment) => `審核人：${name}${comment ? `，意見：${comment}` : ''}`,
  template: '下載填報範本（Excel）',
  importColumns: '單位代碼、統計期（如 2026-11、2026-Q4、2026），其後每列一個指標（按範本）',
  importReport: (report) =>
    report.dryRun
      ? `檢查完畢：${report.rows} 行、${report.reports} 份報表、${report.values} 個數據，沒有發現問題。`
      : `已匯入 ${report.reports} 份報表（${report.values} 個數據），已提交上級審核。`,
  catalogueHint: '各街道、社區按本指標體系填報。只報匯總數字，不填寫任何個人資料。計算指標由系統按公式算出，不需填報。',
  catalogueEdit: '編輯指標體系（JSON）',
  catalogueSave: '儲存指標體系',
  catalogueSaved: (version) => `已儲存為第 ${version} 版。`,
  kinds: { count: '數量', rate: '比率', amount: '金額/面積' },
  aggregations: { sum: '逐期累加', latest: '取期末數', average: '平均' },
  reportedBy: '填報層級',
  levels: { street: '街道', community: '社區', grid: '網格' },
  aggregation: '匯總方式',
  formula: '計算公式',
  weightedBy: (name) => `按「${name}」加權`,
  exportCsv: '匯出 CSV',
  exportXlsx: '匯出 Excel',
};

const EN: StatsWords = {
  figuresTitle: 'Community figures',
  reportsTitle: 'Reporting',
  catalogueTitle: 'Indicators',
  periodKind: 'Period type',
  periodKinds: { month: 'Monthly', quarter: 'Quarterly', year: 'Yearly' },
  period: 'Period',
  previous: 'Previous',
  next: 'Next',
  category: 'Category',
  allCategories: 'All categories',
  trail: 'Level',
  indicator: 'Indicator',
  unit: 'Unit',
  total: 'Total',
  previousTotal: 'Period before',
  change: (percent) => `${percent > 0 ? '+' : percent < 0 ? '−' : '±'}${Math.abs(percent)}%`,
  open: (name) => `Open ${name}`,
  coverage: (approved, expected) => `Approved figures: ${approved} of ${expected} reporting units`,
  derived: 'Computed',
  noFigure: '—',
  chartOf: (name) => `Chart: ${name} by unit`,
  mapOf: (name) => `Map: ${name} by grid`,
  pickIndicator: 'Click an indicator to compare the units below',
  states: { draft: 'Draft', submitted: 'Awaiting review', approved: 'Approved', returned: 'Returned' },
  notStarted: 'Not started',
  node: 'Reporting unit',
  state: 'State',
  fill: 'Fill in',
  save: 'Save draft',
  submit: 'Submit for review',
  approve: 'Approve',
  returnIt: 'Return',
  comment: 'Review comment',
  saved: 'Draft saved.',
  submitted: 'Submitted; waiting for review by the level above.',
  approved: 'Approved: the figures now count.',
  returned: 'Returned to the reporting unit.',
  back: 'Back to the list',
  nothingToReport: 'This unit reports nothing for this period.',
  reviewedBy: (name, comment) => `Reviewed by ${name}${comment ? `: ${comment}` : ''}`,
  template: 'Download the template (Excel)',
  importColumns: 'unit code, period (2026-11, 2026-Q4, 2026), then one column per indicator (as in the template)',
  importReport: (report) =>
    report.dryRun
      ? `Checked: ${report.rows} rows, ${report.reports} reports, ${report.values} figures, no problems.`
      : `Imported ${report.reports} reports (${report.values} figures), submitted for review.`,
  catalogueHint:
    'Streets and communities report by this catalogue: totals only, never anything about a person. Computed indicators come from their formula.',
  catalogueEdit: 'Edit the catalogue (JSON)',
  catalogueSave: 'Save the catalogue',
  catalogueSaved: (version) => `Saved as version ${version}.`,
  kinds: { count: 'Count', rate: 'Rate', amount: 'Amount' },
  aggregations: { sum: 'Summed over time', latest: 'Latest value', average: 'Averaged' },
  reportedBy: 'Reported by',
  levels: { street: 'Street', community: 'Community', grid: 'Grid' },
  aggregation: 'Adds up as',
  formula: 'Formula',
  weightedBy: (name) => `weighted by ${name}`,
  exportCsv: 'Export CSV',
  exportXlsx: 'Export Excel',
};

export const STATS_WORDS: Record<Locale, StatsWords> = { 'zh-Hans': ZH_HANS, 'zh-Hant': ZH_HANT, en: EN };
