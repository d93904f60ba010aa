/**
 * Signage in the editor's words: a layout's and an entry's name, when an entry runs, what an item
 * plays, and what the screen shows at an instant (from the player's own resolver, so the words
 * and the preview agree with the screen).
 */
import type { Layout, PlaylistItem, ScheduleEntry, SignageSchedule, TimeWindow } from '@linli/protocol';
import { INITIAL_PLAYER_STATE, whatToShow } from '../../signage-player/core';
import type { AdminStrings } from './i18n';
import { wallTimeInput } from './schedule-time';

/** A layout's own name, else its number (布局 2). */
export function layoutName(t: AdminStrings, layout: Layout | undefined, index: number): string {
  return layout?.name?.trim() || t.ui.signage.layoutNumber(index + 1);
}

/** An entry by its number in the schedule (排期 3): entries have no names of their own. */
export function entryName(t: AdminStrings, index: number): string {
  return t.ui.signage.entryNumber(index + 1);
}

/** 周一至周五, 周一、周三, 每天: runs of three or more days read as a range. */
export function weekdaysWords(t: AdminStrings, weekdays: readonly number[] | undefined): string {
  const words = t.ui.signage;
  if (!weekdays || weekdays.length === 7) return words.everyDay;
  const days = [...weekdays].sort((a, b) => a - b);
  const runs: number[][] = [];
  for (const day of days) {
    const run = runs.at(-1);
    if (run && run.at(-1) === day - 1) run.push(day);
    else runs.push([day]);
  }
  return runs
    .flatMap((run) =>
      run.length >= 3
        ? [words.dayRange(words.weekdays[run[0]! - 1]!, words.weekdays[run.at(-1)! - 1]!)]
        : run.map((day) => words.weekdays[day - 1]!),
    )
    .join(words.listSeparator);
}

export function windowWords(t: AdminStrings, window: TimeWindow): string {
  const range = `${window.from}–${window.to}`;
  return window.to < window.from ? t.ui.signage.pastMidnight(range) : range;
}

/** When an entry runs: its days, its dates if any, and its window, dayparts or the whole day. */
export function entryWhen(t: AdminStrings, entry: ScheduleEntry, schedule: SignageSchedule): string {
  const words = t.ui.signage;
  const time = entry.dayparts
    ? entry.dayparts
        .map((id) => {
          const daypart = schedule.dayparts?.find((each) => each.id === id);
          return daypart ? `${daypart.name} ${windowWords(t, daypart)}` : id;
        })
        .join(words.listSeparator)
    : entry.window
      ? windowWords(t, entry.window)
      : words.allDay;
  const dates =
    entry.startDate || entry.endDate ? words.dateRange(entry.startDate ?? '', entry.endDate ?? '') : undefined;
  return [weekdaysWords(t, entry.weekdays), time, dates].filter(Boolean).join(' ');
}

/** An entry in one line: its layout, when, its priority, and its share when it interrupts. */
export function entryLine(t: AdminStrings, entry: ScheduleEntry, schedule: SignageSchedule): string {
  const words = t.ui.signage;
  const index = schedule.layouts.findIndex((layout) => layout.id === entry.layoutId);
  return [
    index === -1 ? entry.layoutId : layoutName(t, schedule.layouts[index], index),
    entryWhen(t, entry, schedule),
    words.priorityShort(entry.priority),
    entry.interrupt ? words.interruptShare(entry.interrupt.sharePercent) : '',
  ]
    .filter(Boolean)
    .join(t.errors.separator);
}

/** What an item plays and for how long (文字：「…」 · 10 秒), its validity on the schedule's clock. */
export function itemWords(
  t: AdminStrings,
  item: PlaylistItem,
  timeZone: string,
  noticeTitle: (id: string) => string,
): string {
  const wallTime = (iso: string | undefined) => (iso ? wallTimeInput(Date.parse(iso), timeZone).replace('T', ' ') : '');
  const words = t.ui.signage;
  const what = (() => {
    switch (item.kind) {
      case 'image':
      case 'video':
      case 'pdf':
        return item.media.name;
      case 'notice':
        return noticeTitle(item.noticeId);
      case 'web':
        return item.url;
      case 'clock':
        return words.clockShows[item.show];
      case 'text':
      case 'ticker':
        return words.quoted(item.text);
      case 'queue-calls':
        return item.announce
          ? `${words.hallNumber(item.hallId)}${words.listSeparator}${words.announceShort}`
          : words.hallNumber(item.hallId);
    }
  })();
  const seconds =
    item.kind === 'pdf'
      ? words.pages(item.pageCount, item.pageSec)
      : words.seconds(item.kind === 'video' ? (item.durationSec ?? item.lengthSec) : item.durationSec);
  const validity =
    item.validFrom || item.validUntil ? words.validity(wallTime(item.validFrom), wallTime(item.validUntil)) : '';
  return [words.itemLine(words.itemKinds[item.kind], what), seconds, validity].filter(Boolean).join(' · ');
}

/** What the screen shows at an instant, as a screen that starts then shows it. */
export type ShownAt =
  { screen: 'off' } | { screen: 'on'; layoutIndex: number; entryIndex: number | null; interrupt: boolean };

export function shownAt(schedule: SignageSchedule, at: number): ShownAt {
  const { showing } = whatToShow(schedule, at, INITIAL_PLAYER_STATE);
  if (showing.screen === 'off') return { screen: 'off' };
  return {
    screen: 'on',
    layoutIndex: schedule.layouts.findIndex((layout) => layout.id === showing.layoutId),
    entryIndex: showing.entryId === null ? null : schedule.entries.findIndex((entry) => entry.id === showing.entryId),
    interrupt: showing.interrupt,
  };
}

/** The sentence under the preview: 该时刻显示：大厅（由排期 2 决定）, 默认布局, or 屏幕关闭. */
export function shownAtWords(t: AdminStrings, schedule: SignageSchedule, shown: ShownAt): string {
  const words = t.ui.signage;
  if (shown.screen === 'off') return words.shownOff;
  const layout = layoutName(t, schedule.layouts[shown.layoutIndex], shown.layoutIndex);
  if (shown.entryIndex === null) return words.shownDefault(layout);
  const entry = entryName(t, shown.entryIndex);
  return shown.interrupt ? words.shownInterrupt(layout, entry) : words.shownByEntry(layout, entry);
}
