/** What the 使用统计 page says, in the three languages of the admin UI, and its quick periods (pure). */
import { USAGE_KIND_NAMES, type Locale, type UsageKind } from '@linli/protocol';
import type { PeriodPick } from './proof-of-play';

export const USAGE_PERIOD_PICKS = [
  'today',
  'last7Days',
  'last30Days',
  'thisMonth',
  'lastMonth',
  'thisYear',
] as const satisfies readonly PeriodPick[];
export type UsagePeriodPick = (typeof USAGE_PERIOD_PICKS)[number];

/** The change from the period before, in whole percent; null when there was nothing before. */
export function changePercent(now: number, before: number): number | null {
  return before === 0 ? null : Math.round(((now - before) / before) * 100);
}

/** The kinds the trend and the comparison draw. */
export const CHART_KINDS: readonly UsageKind[] = ['visit', 'search', 'guide-view', 'form-print'];

export interface UsageWords {
  title: string;
  hint: string;
  from: string;
  to: string;
  periodPicks: Record<UsagePeriodPick, string>;
  periodPicksLabel: string;
  loading: string;
  kinds: Record<UsageKind, string>;
  uptimeHours: string;
  /** 较上期 +12% / −5% / 持平; null: nothing the period before. */
  change: (percent: number | null) => string;
  trail: string;
  trend: string;
  comparison: string;
  node: string;
  open: (name: string) => string;
  topGuides: string;
  nothing: string;
  gaps: string;
  gapsHint: string;
  query: string;
  times: string;
  addAlias: string;
  findGuide: string;
  noGuideFound: string;
  addTo: (title: string) => string;
  cancel: string;
  added: (alias: string, title: string) => string;
  sentForReview: (alias: string, title: string) => string;
  leastFound: string;
  leastFoundHint: string;
  views: string;
  chartOf: (what: string) => string;
  mapOf: (what: string) => string;
  exportCsv: string;
  exportXlsx: string;
}

const ZH_HANS: UsageWords = {
  kinds: USAGE_KIND_NAMES['zh-Hans'],
  title: '使用统计',
  hint: '自助终端和查询台的服务情况：只计次数，不记录居民是谁。',
  from: '开始日期',
  to: '结束日期',
  periodPicks: {
    today: '今天',
    last7Days: '最近7天',
    last30Days: '最近30天',
    thisMonth: '本月',
    lastMonth: '上月',
    thisYear: '今年',
  },
  periodPicksLabel: '快速选择时段',
  loading: '正在统计…',
  uptimeHours: '终端运行小时',
  change: (percent) =>
    percent === null
      ? '上期无数据'
      : percent === 0
        ? '与上期持平'
        : `较上期 ${percent > 0 ? '+' : '−'}${Math.abs(percent)}%`,
  trail: '所在层级',
  trend: '每日趋势',
  comparison: '下级单位对比',
  node: '单位',
  open: (name) => `查看${name}`,
  topGuides: '浏览最多的办事指南',
  nothing: '这段时间还没有数据。',
  gaps: '搜索无结果',
  gapsHint: '居民搜过却没找到的词。把它加为某个指南的别名，以后搜这个词就能找到该指南。',
  query: '搜索词',
  times: '次数',
  addAlias: '加为别名…',
  findGuide: '查找指南',
  noGuideFound: '没有找到指南',
  addTo: (title) => `加到「${title}」`,
  cancel: '取消',
  added: (alias, title) => `已把「${alias}」加为「${title}」的别名，终端同步后即可搜到。`,
  sentForReview: (alias, title) => `已把「${alias}」加到「${title}」并送审，审核通过后生效。`,
  leastFound: '最少被查看的指南',
  leastFoundHint: '已发布但很少被打开的指南：标题或别名可能不是居民常说的叫法。',
  views: '浏览次数',
  chartOf: (what) => `图表：${what}`,
  mapOf: (what) => `地图：${what}（按网格）`,
  exportCsv: '导出 CSV',
  exportXlsx: '导出 Excel',
};

const ZH_HANT: UsageWords = {
  kinds: USAGE_KIND_NAMES['zh-Hant'],
  title: '使用統計',
  hint: '自助終端和查詢台的服務情況：只計次數，不記錄居民是誰。',
  from: '開始日期',
  to: '結束日期',
  periodPicks: {
    today: '今天',
    last7Days: '最近7天',
    last30Days: '最近30天',
    thisMonth: '本月',
    lastMonth: '上月',
    thisYear: '今年',
  },
  periodPicksLabel: '快速選擇時段',
  loading: '正在統計…',
  uptimeHours: '終端運行小時',
  change: (percent) =>
    percent === null
      ? '上期無數據'
      : percent === 0
        ? '與上期持平'
        : `較上期 ${percent > 0 ? '+' : '−'}${Math.abs(percent)}%`,
  trail: '所在層級',
  trend: '每日趨勢',
  comparison: '下級單位對比',
  node: '單位',
  open: (name) => `查看${name}`,
  topGuides: '瀏覽最多的辦事指南',
  nothing: '這段時間還沒有數據。',
  gaps: '搜尋無結果',
  gapsHint: '居民搜過卻沒找到的詞。把它加為某個指南的別名，以後搜這個詞就能找到該指南。',
  query: '搜尋詞',
  times: '次數',
  addAlias: '加為別名…',
  findGuide: '查找指南',
  noGuideFound: '沒有找到指南',
  addTo: (title) => `加到「${title}」`,
  cancel: '取消',
  added: (alias, title) => `已把「${alias}」加為「${title}」的別名，終端同步後即可搜到。`,
  sentForReview: (alias, title) => `已把「${alias}」加到「${title}」並送審，審核通過後生效。`,
  leastFound: '最少被查看的指南',
  leastFoundHint: '已發布但很少被打開的指南：標題或別名可能不是居民常說的叫法。',
  views: '瀏覽次數',
  chartOf: (what) => `圖表：${what}`,
  mapOf: (what) => `地圖：${what}（按網格）`,
  exportCsv: '匯出 CSV',
  exportXlsx: '匯出 Excel',
};

const EN: UsageWords = {
  kinds: USAGE_KIND_NAMES.en,
  title: 'Service usage',
  hint: 'How kiosks and clerk desks were used: counts only, never who used them.',
  from: 'From',
  to: 'To',
  periodPicks: {
    today: 'Today',
    last7Days: 'Last 7 days',
    last30Days: 'Last 30 days',
    thisMonth: 'This month',
    lastMonth: 'Last month',
    thisYear: 'This year',
  },
  periodPicksLabel: 'Quick periods',
  loading: 'Counting…',
  uptimeHours: 'Kiosk hours running',
  change: (percent) =>
    percent === null
      ? 'nothing the period before'
      : percent === 0
        ? 'same as the period before'
        : `${percent > 0 ? '+' : '−'}${Math.abs(percent)}% on the period before`,
  trail: 'Level',
  trend: 'By day',
  comparison: 'Units below',
  node: 'Unit',
  open: (name) => `Open ${name}`,
  topGuides: 'Guides viewed most',
  nothing: 'Nothing yet in this period.',
  gaps: 'Searches that found nothing',
  gapsHint:
    "Words residents searched for and found nothing. Add one as a guide's alias and the guide is found next time.",
  query: 'Words',
  times: 'Times',
  addAlias: 'Add as alias…',
  findGuide: 'Find a guide',
  noGuideFound: 'No guide found',
  addTo: (title) => `Add to “${title}”`,
  cancel: 'Cancel',
  added: (alias, title) => `“${alias}” is now an alias of “${title}”; kiosks find it after their next sync.`,
  sentForReview: (alias, title) => `“${alias}” was added to “${title}” and sent for review.`,
  leastFound: 'Guides viewed least',
  leastFoundHint: 'Published guides residents rarely open: their title or aliases may not be the words residents use.',
  views: 'Views',
  chartOf: (what) => `Chart: ${what}`,
  mapOf: (what) => `Map: ${what} by grid`,
  exportCsv: 'Export CSV',
  exportXlsx: 'Export Excel',
};

export const USAGE_WORDS: Record<Locale, UsageWords> = { 'zh-Hans': ZH_HANS, 'zh-Hant': ZH_HANT, en: EN };
