// Small builders for signage schedules in tests: every field a test does not care about is filled in.
import {
  presetLayout,
  type Layout,
  type PlaylistItem,
  type ScheduleEntry,
  type SignageSchedule,
} from '@linli/protocol';

export const MEDIA = { sha256: 'a'.repeat(64), bytes: 1000, mime: 'image/png', name: 'poster.png' };

export function image(id: string, durationSec = 10, extra: Partial<PlaylistItem> = {}): PlaylistItem {
  return { id, kind: 'image', media: MEDIA, durationSec, ...extra } as PlaylistItem;
}

/** A full-screen layout playing `items`. */
export function fullLayout(id: string, items: PlaylistItem[] = [image(`${id}-1`)]): Layout {
  const layout = presetLayout('full', 'landscape', id);
  layout.zones[0]!.playlist = items;
  return layout;
}

export function entry(id: string, layoutId: string, extra: Partial<ScheduleEntry> = {}): ScheduleEntry {
  return { id, layoutId, priority: 0, createdAt: '2026-01-01T00:00:00Z', ...extra };
}

export function schedule(extra: Partial<SignageSchedule> = {}): SignageSchedule {
  return {
    timeZone: 'Asia/Shanghai',
    layouts: [fullLayout('default'), ...(extra.layouts ?? [])],
    entries: [],
    defaultLayoutId: 'default',
    ...extra,
    ...(extra.layouts ? { layouts: [fullLayout('default'), ...extra.layouts] } : {}),
  };
}

/** Epoch ms of an ISO date-time with an explicit offset. */
export const at = (iso: string) => Date.parse(iso);
