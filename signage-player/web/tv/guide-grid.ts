/**
 * The programme guide (节目指南) as a grid: a row per channel of the line-up, time across in
 * 30-minute columns, GUIDE_SPAN_MS (2.5 hours) in view, from the column of the moment it opened up
 * to GUIDE_HORIZON_MS ahead. A row's cells are its programmes (programmeGuide) with the stretches
 * between them as cells of their own (no listing: the filler), so every row can be walked and
 * every channel has something to focus.
 *
 * The focus is a row and an instant `at` inside the time in view: Left/Right go to the
 * previous/next cell of the row and scroll the time when it leaves the view; Up/Down go to the
 * neighbouring channel's cell at the same `at`, so moving down a column and back keeps the time
 * (the cell's start would drift from row to row). OK on a cell on air now tunes its channel.
 * Pure: the caller passes the time.
 */
import { programmeGuide, wallClockAt, type TvChannelSchedule, type TvProgramme } from '@linli/protocol';

export const GUIDE_COLUMN_MS = 30 * 60_000;
export const GUIDE_COLUMNS = 5;
export const GUIDE_SPAN_MS = GUIDE_COLUMNS * GUIDE_COLUMN_MS;
export const GUIDE_HORIZON_MS = 24 * 3_600_000;
/** Rows on screen at once; the focus keeps its row among them. */
export const GUIDE_ROWS_VISIBLE = 6;

export interface GuideCell {
  /** Null: no programme is listed then (the channel's filler plays). */
  programme: TvProgramme | null;
  /** The stretch the cell covers (a programme's may start before the guide's first column). */
  start: number;
  end: number;
  /** Where the programme's items count from: its listed start (a stretch of filler: its start). */
  anchor: number;
}

export interface GuideRow {
  channel: TvChannelSchedule;
  cells: GuideCell[];
}

export interface GuideFocus {
  /** The guide's first instant: the column the guide opened in. */
  earliest: number;
  /** The first column in view. */
  from: number;
  /** The row (an index into the line-up). */
  row: number;
  /** The instant the focus keeps, always within [from, from + GUIDE_SPAN_MS). */
  at: number;
}

export type GuideMove = 'left' | 'right' | 'up' | 'down';

/** The start of the 30-minute column holding `instant`, on the wall clock of `timeZone`. */
export function guideColumnStart(instant: number, timeZone: string): number {
  return instant - (wallClockAt(instant, timeZone).msOfDay % GUIDE_COLUMN_MS);
}

/** One row's cells from `from` to `to`: the programmes, and the stretches between them. */
export function rowCells(channel: TvChannelSchedule, from: number, to: number): GuideCell[] {
  const cells: GuideCell[] = [];
  let covered = from;
  for (const airing of programmeGuide(channel, from, to)) {
    if (airing.start > covered) cells.push({ programme: null, start: covered, end: airing.start, anchor: covered });
    const last = cells[cells.length - 1];
    // A programme cut by a more specific one and uncovered again is still one programme.
    if (last && last.programme === airing.programme && last.anchor === airing.anchor && last.end === airing.start)
      last.end = airing.end;
    else cells.push({ programme: airing.programme, start: airing.start, end: airing.end, anchor: airing.anchor });
    covered = airing.end;
  }
  if (covered < to) cells.push({ programme: null, start: covered, end: to, anchor: covered });
  return cells;
}

/** The guide's rows from `earliest` to GUIDE_HORIZON_MS later, one per channel of the line-up. */
export function guideRows(lineup: readonly TvChannelSchedule[], earliest: number): GuideRow[] {
  return lineup.map((channel) => ({ channel, cells: rowCells(channel, earliest, earliest + GUIDE_HORIZON_MS) }));
}

/**
 * The guide as it opens: on the channel tuned, at `now`, the time in view starting at now's
 * column (its rows are then guideRows(lineup, focus.earliest)).
 */
export function openGuide(
  lineup: readonly TvChannelSchedule[],
  channelId: string | null,
  now: number,
  timeZone: string,
): GuideFocus {
  const earliest = guideColumnStart(now, timeZone);
  const row = Math.max(
    0,
    lineup.findIndex((channel) => channel.id === channelId),
  );
  return { earliest, from: earliest, row, at: now };
}

function cellIndexAt(row: GuideRow, at: number): number {
  const index = row.cells.findIndex((cell) => cell.start <= at && at < cell.end);
  return index >= 0 ? index : row.cells.length - 1;
}

export function focusedCell(rows: readonly GuideRow[], focus: GuideFocus): GuideCell | undefined {
  const row = rows[focus.row];
  return row && row.cells[cellIndexAt(row, focus.at)];
}

const lastFrom = (focus: GuideFocus) => focus.earliest + GUIDE_HORIZON_MS - GUIDE_SPAN_MS;
const columnOf = (focus: GuideFocus, instant: number) =>
  focus.earliest + Math.floor((instant - focus.earliest) / GUIDE_COLUMN_MS) * GUIDE_COLUMN_MS;

/** The focus after a D-pad press; unchanged at the guide's edges. */
export function moveFocus(rows: readonly GuideRow[], focus: GuideFocus, move: GuideMove): GuideFocus {
  const row = rows[focus.row];
  if (!row) return focus;
  if (move === 'up' || move === 'down') {
    const next = focus.row + (move === 'up' ? -1 : 1);
    return next < 0 || next >= rows.length ? focus : { ...focus, row: next };
  }
  const index = cellIndexAt(row, focus.at);
  const target = row.cells[index + (move === 'left' ? -1 : 1)];
  if (!target) return focus;
  let { from } = focus;
  const spanEnd = from + GUIDE_SPAN_MS;
  if (move === 'right' && target.start >= spanEnd) from = Math.min(lastFrom(focus), columnOf(focus, target.start));
  if (move === 'left' && target.end <= from) from = Math.max(focus.earliest, columnOf(focus, target.end - 1));
  return { ...focus, from, at: Math.max(target.start, from) };
}

/** The channel OK tunes to: the focused cell's when it is on air now, else none. */
export function guideTuneTarget(rows: readonly GuideRow[], focus: GuideFocus, now: number): string | null {
  const cell = focusedCell(rows, focus);
  return cell && cell.start <= now && now < cell.end ? rows[focus.row]!.channel.id : null;
}

/** The rows on screen: GUIDE_ROWS_VISIBLE of them, the focused one among them (kept mid-screen where it can be). */
export function visibleRowRange(focus: GuideFocus, rowCount: number): { first: number; end: number } {
  const first = Math.max(0, Math.min(focus.row - Math.floor(GUIDE_ROWS_VISIBLE / 2), rowCount - GUIDE_ROWS_VISIBLE));
  return { first, end: Math.min(rowCount, first + GUIDE_ROWS_VISIBLE) };
}

/** Where a cell sits in the time in view, as fractions of it; null when it lies outside. */
export function cellBox(cell: GuideCell, from: number): { left: number; width: number } | null {
  const to = from + GUIDE_SPAN_MS;
  const start = Math.max(cell.start, from);
  const end = Math.min(cell.end, to);
  if (end <= start) return null;
  return { left: (start - from) / GUIDE_SPAN_MS, width: (end - start) / GUIDE_SPAN_MS };
}

/** The columns' start instants in view. */
export function columnStarts(from: number): number[] {
  return Array.from({ length: GUIDE_COLUMNS }, (_, index) => from + index * GUIDE_COLUMN_MS);
}

/** Where the current-time line goes, as a fraction of the time in view; null when now is out of view. */
export function nowLine(from: number, now: number): number | null {
  const fraction = (now - from) / GUIDE_SPAN_MS;
  return fraction >= 0 && fraction < 1 ? fraction : null;
}
