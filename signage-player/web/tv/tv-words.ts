/**
 * Every word the TV app shows, per language: 简体中文 by default; the page's `<html lang>` picks
 * another (the player page is served as zh-Hans). Channel names, programme titles, notices and
 * alerts are shown as their authors wrote them.
 */
import type { CapSeverity } from '@linli/protocol';

export const TV_LOCALES = ['zh-Hans', 'zh-Hant', 'en'] as const;
export type TvLocale = (typeof TV_LOCALES)[number];

export interface TvWords {
  appName: string;
  loading: string;
  noChannels: string;
  noChannelsHint: string;
  /** Shown while a number is keyed: 频道 12_. */
  channel: string;
  noChannelNumbered(number: number): string;
  onNow: string;
  upNext: string;
  noListing: string;
  guideTitle: string;
  guideHint: string;
  guideOnAir: string;
  guideLater: string;
  spotlight: string;
  liveUnsupported: string;
  liveUnsupportedHint: string;
  alertMore(count: number): string;
  alertTest: string;
  severity: Record<CapSeverity, string>;
}

const ZH_HANS: TvWords = {
  appName: '邻里社区电视',
  loading: '正在加载频道…',
  noChannels: '暂无可收看的频道',
  noChannelsHint: '频道发布后将自动播放',
  channel: '频道',
  noChannelNumbered: (number) => `没有 ${number} 频道`,
  onNow: '正在播出',
  upNext: '下一节目',
  noListing: '暂无节目信息',
  guideTitle: '节目指南',
  guideHint: '方向键选择 · 确定收看正在播出的节目 · 返回关闭',
  guideOnAir: '正在播出，按确定收看',
  guideLater: '尚未开始',
  spotlight: '办事指南',
  liveUnsupported: '本机顶盒无法播放此直播节目',
  liveUnsupportedHint: '请在服务大厅或手机上收看',
  alertMore: (count) => `另有 ${count} 条预警`,
  alertTest: '测试 · 不是真实预警',
  severity: { Extreme: '特别严重', Severe: '严重', Moderate: '较重', Minor: '一般', Unknown: '未定级' },
};

const ZH_HANT: TvWords = {
  appName: '鄰里社區電視',
  loading: '正在載入頻道…',
  noChannels: '暫無可收看的頻道',
  noChannelsHint: '頻道發佈後將自動播放',
  channel: '頻道',
  noChannelNumbered: (number) => `沒有 ${number} 頻道`,
  onNow: '正在播出',
  upNext: '下一節目',
  noListing: '暫無節目資訊',
  guideTitle: '節目指南',
  guideHint: '方向鍵選擇 · 確定收看正在播出的節目 · 返回關閉',
  guideOnAir: '正在播出，按確定收看',
  guideLater: '尚未開始',
  spotlight: '辦事指南',
  liveUnsupported: '本機頂盒無法播放此直播節目',
  liveUnsupportedHint: '請在服務大廳或手機上收看',
  alertMore: (count) => `另有 ${count} 條預警`,
  alertTest: '測試 · 不是真實預警',
  severity: { Extreme: '特別嚴重', Severe: '嚴重', Moderate: '較重', Minor: '一般', Unknown: '未定級' },
};

const EN: TvWords = {
  appName: 'Linli Community TV',
  loading: 'Loading channels…',
  noChannels: 'No channels to watch yet',
  noChannelsHint: 'Channels play here as soon as they are published',
  channel: 'Channel',
  noChannelNumbered: (number) => `No channel ${number}`,
  onNow: 'Now',
  upNext: 'Next',
  noListing: 'No listing',
  guideTitle: 'Programme guide',
  guideHint: 'Arrows to choose · OK to watch what is on now · Back to close',
  guideOnAir: 'On now: press OK to watch',
  guideLater: 'Not started yet',
  spotlight: 'Service guide',
  liveUnsupported: 'This box cannot play this live programme',
  liveUnsupportedHint: 'Watch it in the service hall or on a phone',
  alertMore: (count) => `${count} more alert${count === 1 ? '' : 's'}`,
  alertTest: 'TEST · not a real alert',
  severity: { Extreme: 'Extreme', Severe: 'Severe', Moderate: 'Moderate', Minor: 'Minor', Unknown: 'Unrated' },
};

const WORDS: Record<TvLocale, TvWords> = { 'zh-Hans': ZH_HANS, 'zh-Hant': ZH_HANT, en: EN };

/** The words for a language tag (zh-Hant, zh-TW, zh-HK → 繁體; en* → English; anything else → 简体). */
export function tvWords(languageTag: string | null | undefined): TvWords {
  const tag = (languageTag ?? '').toLowerCase();
  if (tag.startsWith('en')) return WORDS.en;
  if (tag === 'zh-hant' || tag.startsWith('zh-hant-') || tag === 'zh-tw' || tag === 'zh-hk' || tag === 'zh-mo')
    return WORDS['zh-Hant'];
  return WORDS['zh-Hans'];
}
