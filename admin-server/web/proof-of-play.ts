/**
 * The proof-of-play report's pure parts: the periods it offers at a click, time on screen in words,
 * instants as the report's days count them, and what a row's ids stand for in its publication.
 * The server counts whole days in China Standard Time, so the browser's own zone plays no part.
 */
import { addDays, type Layout, type PlaylistItem, type SignageView } from '@linli/protocol';
import { wallClockAt } from '../../signage-player/core';
import type { AdminStrings } from './i18n';

/** The zone the server reads a report's days in (protocol's ProofOfPlayQuery). */
export const REPORT_TIME_ZONE = 'Asia/Shanghai';

/** The picks the proof-of-play report and the queue's statistics offer; 使用统计 offers more of them. */
export const PERIOD_PICKS = ['today', 'last7Days', 'thisMonth'] as const;
export type PeriodPick = (typeof PERIOD_PICKS)[number] | 'last30Days' | 'lastMonth' | 'thisYear';

/** Days `from`…`to`, both included, `YYYY-MM-DD`. */
export type Period = { from: string; to: string };

/**
 * The days a quick pick means at `now` (epoch ms): 今天, 最近7天 (today and the six before), 最近30天,
 * 本月 (so far), 上月, 今年 (so far).
 */
export function periodOf(pick: PeriodPick, now: number): Period {
  const today = wallClockAt(now, REPORT_TIME_ZONE).date;
  switch (pick) {
    case 'today':
      return { from: today, to: today };
    case 'last7Days':
      return { from: addDays(today, -6), to: today };
    case 'last30Days':
      return { from: addDays(today, -29), to: today };
    case 'thisMonth':
      return { from: `${today.slice(0, 8)}01`, to: today };
    case 'lastMonth': {
      const lastDay = addDays(`${today.slice(0, 8)}01`, -1);
      return { from: `${lastDay.slice(0, 8)}01`, to: lastDay };
    }
    case 'thisYear':
      return { from: `${today.slice(0, 5)}01-01`, to: today };
  }
}

/** The quick pick of `picks` a period is at `now`, if any (its button shows pressed); the first when two agree. */
export function pickOf<Pick extends PeriodPick>(
  period: Period,
  now: number,
  picks: readonly Pick[] = PERIOD_PICKS as readonly PeriodPick[] as readonly Pick[],
): Pick | undefined {
  return picks.find((pick) => {
    const picked = periodOf(pick, now);
    return picked.from === period.from && picked.to === period.to;
  });
}

/** Whole seconds as hours, minutes and seconds. */
export function durationParts(totalSeconds: number): { hours: number; minutes: number; seconds: number } {
  const whole = Math.max(0, Math.round(totalSeconds));
  return { hours: Math.floor(whole / 3600), minutes: Math.floor((whole % 3600) / 60), seconds: whole % 60 };
}

/**
 * Time on screen in words: 1小时2分3秒, 5分, 1小时0分3秒 (a minute between hours and seconds is said,
 * even when none), 0秒; leading and trailing units that are nought are left out.
 */
export function playTimeWords(t: AdminStrings, totalSeconds: number): string {
  const words = t.ui.signage.plays.duration;
  const { hours, minutes, seconds } = durationParts(totalSeconds);
  const parts: string[] = [];
  if (hours > 0) parts.push(words.hours(hours));
  if (minutes > 0 || (hours > 0 && seconds > 0)) parts.push(words.minutes(minutes));
  if (seconds > 0 || parts.length === 0) parts.push(words.seconds(seconds));
  return parts.join(words.separator);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as the report's days count it: `2026-12-01 09:05:30` in China Standard Time. */
export function reportTime(iso: string): string {
  const instant = Date.parse(iso);
  if (Number.isNaN(instant)) return iso;
  const wall = wallClockAt(instant, REPORT_TIME_ZONE);
  const seconds = Math.floor(wall.msOfDay / 1000);
  return `${wall.date} ${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
}

/**
 * The layout and item a row's ids name in the publication as it is now; either is undefined when
 * the publication no longer has it (it was changed or deleted since the plays).
 */
export function playedItem(
  publication: SignageView | undefined,
  row: { layoutId: string; zoneId: string; itemId: string },
): { layout?: Layout; layoutIndex: number; item?: PlaylistItem } {
  const layouts = publication?.schedule.layouts ?? [];
  const layoutIndex = layouts.findIndex((layout) => layout.id === row.layoutId);
  const layout = layouts[layoutIndex];
  const zone = layout?.zones.find((candidate) => candidate.id === row.zoneId);
  return { layout, layoutIndex, item: zone?.playlist.find((candidate) => candidate.id === row.itemId) };
}
