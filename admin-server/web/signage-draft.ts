/**
 * Changes the signage editor makes to a publication as a whole (pure): a new publication, layouts
 * added from a preset, removed, reshaped by a preset or turned, and a new schedule entry. Every
 * layout of a publication has the default layout's orientation (one screen has one).
 */
import {
  presetLayout,
  type Layout,
  type LayoutPreset,
  type Orientation,
  type ScheduleEntry,
  type SignageInput,
  type SignageSchedule,
} from '@linli/protocol';
import { unusedId } from './playlist-items';

/** A new publication: one full-screen landscape layout, shown whenever nothing else is scheduled, on China's time. */
export function newPublication(layoutName: string): SignageInput {
  return {
    title: '',
    targets: { orgIds: [], groupIds: [] },
    schedule: {
      timeZone: 'Asia/Shanghai',
      layouts: [presetLayout('full', 'landscape', 'layout-1', layoutName)],
      entries: [],
      defaultLayoutId: 'layout-1',
    },
  };
}

/** The orientation every layout of the schedule has: the default layout's. */
export function orientationOf(schedule: SignageSchedule): Orientation {
  return (
    (schedule.layouts.find((layout) => layout.id === schedule.defaultLayoutId) ?? schedule.layouts[0])?.orientation ??
    'landscape'
  );
}

/** The schedule with a new layout of `preset` at the end. */
export function withNewLayout(schedule: SignageSchedule, preset: LayoutPreset, name: string): SignageSchedule {
  const id = unusedId(
    'layout',
    schedule.layouts.map((layout) => layout.id),
  );
  return { ...schedule, layouts: [...schedule.layouts, presetLayout(preset, orientationOf(schedule), id, name)] };
}

/**
 * The schedule without the layout at `index`, and without the entries that showed it; when it was
 * the default, the first layout left becomes the default. The last layout stays (a schedule needs one).
 */
export function withoutLayout(schedule: SignageSchedule, index: number): SignageSchedule {
  const removed = schedule.layouts[index];
  if (!removed || schedule.layouts.length === 1) return schedule;
  const layouts = schedule.layouts.filter((_, i) => i !== index);
  return {
    ...schedule,
    layouts,
    entries: schedule.entries.filter((entry) => entry.layoutId !== removed.id),
    defaultLayoutId: schedule.defaultLayoutId === removed.id ? layouts[0]!.id : schedule.defaultLayoutId,
  };
}

/** The layout with the zones of `preset`; a zone of the preset with the id of one before keeps its playlist. */
export function withPreset(layout: Layout, preset: LayoutPreset): Layout {
  const shaped = presetLayout(preset, layout.orientation, layout.id, layout.name);
  return {
    ...shaped,
    zones: shaped.zones.map((zone) => ({
      ...zone,
      playlist: layout.zones.find((before) => before.id === zone.id)?.playlist ?? [],
    })),
  };
}

/** Every layout turned to `orientation`; zones keep their cells, which the screen now draws the other way round. */
export function withOrientation(schedule: SignageSchedule, orientation: Orientation): SignageSchedule {
  return { ...schedule, layouts: schedule.layouts.map((layout) => ({ ...layout, orientation })) };
}

/** A new entry: the given layout on weekdays during office hours, above the default layout. */
export function newEntry(schedule: SignageSchedule, layoutId: string, createdAt: string): ScheduleEntry {
  return {
    id: unusedId(
      'entry',
      schedule.entries.map((entry) => entry.id),
    ),
    layoutId,
    priority: 10,
    createdAt,
    weekdays: [1, 2, 3, 4, 5],
    window: { from: '09:00', to: '17:00' },
  };
}
