/**
 * The programme guide on screen (its model is guide-grid.ts): the focused programme described at
 * the top, then the channels down and 2.5 hours across in 30-minute columns with a line at the
 * current time. The element carries the focus for tests: `data-focus-channel`, `data-focus-start`
 * (the cell's start, epoch ms) and `data-focus-title` (empty: no listing).
 */
import { clockTime } from '../clock-text';
import {
  cellBox,
  columnStarts,
  focusedCell,
  GUIDE_COLUMNS,
  nowLine,
  visibleRowRange,
  type GuideCell,
  type GuideFocus,
  type GuideRow,
} from './guide-grid';
import { slotText } from './programme-times';
import type { TvWords } from './tv-words';

const MINUTE_MS = 60_000;
const percent = (fraction: number) => `${(fraction * 100).toFixed(3)}%`;

function cellTimes(cell: GuideCell, timeZone: string): string {
  return slotText(
    cell.programme
      ? { start: cell.anchor, end: cell.anchor + cell.programme.durationMin * MINUTE_MS }
      : { start: cell.start, end: cell.end },
    timeZone,
  );
}

function Detail(props: { row: GuideRow | undefined; cell: GuideCell | undefined; now: number; words: TvWords }) {
  const { row, cell, words } = props;
  if (!row || !cell) return <div class="tv-guide-detail" />;
  const onAir = cell.start <= props.now && props.now < cell.end;
  return (
    <div class="tv-guide-detail">
      <div class="tv-guide-detail-line">
        <span class="tv-guide-detail-channel">
          {row.channel.number} {row.channel.name}
        </span>
        <span class="tv-guide-detail-times">{cellTimes(cell, row.channel.timeZone)}</span>
        {cell.programme?.category && <span class="tv-guide-detail-category">{cell.programme.category}</span>}
        <span class={onAir ? 'tv-guide-detail-state on-air' : 'tv-guide-detail-state'}>
          {onAir ? words.guideOnAir : words.guideLater}
        </span>
      </div>
      <h2 class="tv-guide-detail-title">{cell.programme?.title ?? words.noListing}</h2>
      {cell.programme?.description && <p class="tv-guide-detail-description">{cell.programme.description}</p>}
    </div>
  );
}

export function ProgrammeGuide(props: {
  rows: readonly GuideRow[];
  focus: GuideFocus;
  now: number;
  /** The zone the columns' times are written in (the channel tuned). */
  timeZone: string;
  words: TvWords;
}) {
  const { rows, focus, now, words } = props;
  const cell = focusedCell(rows, focus);
  const focusedRow = rows[focus.row];
  const { first, end } = visibleRowRange(focus, rows.length);
  const line = nowLine(focus.from, now);
  return (
    <section
      class="tv-guide"
      data-focus-channel={focusedRow?.channel.id ?? ''}
      data-focus-start={cell ? String(cell.start) : ''}
      data-focus-title={cell?.programme?.title ?? ''}
    >
      <header class="tv-guide-head">
        <h1 class="tv-guide-title">{words.guideTitle}</h1>
        <span class="tv-guide-clock">{clockTime(now, props.timeZone)}</span>
      </header>
      <Detail row={focusedRow} cell={cell} now={now} words={words} />
      <div class="tv-guide-grid">
        <div class="tv-guide-row tv-guide-times">
          <div class="tv-guide-channel" />
          <div class="tv-guide-cells">
            {columnStarts(focus.from).map((start, index) => (
              <span key={start} class="tv-guide-column" style={{ left: percent(index / GUIDE_COLUMNS) }}>
                {clockTime(start, props.timeZone)}
              </span>
            ))}
          </div>
        </div>
        {rows.slice(first, end).map((row, index) => {
          const rowIndex = first + index;
          return (
            <div
              key={row.channel.id}
              class="tv-guide-row"
              data-channel={row.channel.id}
              data-focused={rowIndex === focus.row ? '' : undefined}
            >
              <div class="tv-guide-channel">
                <span class="tv-guide-number">{row.channel.number}</span>
                <span class="tv-guide-name">{row.channel.name}</span>
              </div>
              <div class="tv-guide-cells">
                {row.cells.map((each) => {
                  const box = cellBox(each, focus.from);
                  if (!box) return null;
                  const focused = rowIndex === focus.row && each === cell;
                  const onAir = each.start <= now && now < each.end;
                  return (
                    <div
                      key={each.start}
                      class={`tv-guide-cell${focused ? ' focused' : ''}${onAir ? ' on-air' : ''}${each.programme ? '' : ' no-listing'}`}
                      data-start={String(each.start)}
                      style={{ left: percent(box.left), width: percent(box.width) }}
                    >
                      {each.programme?.title ?? words.noListing}
                    </div>
                  );
                })}
                {line !== null && <div class="tv-guide-now" style={{ left: percent(line) }} />}
              </div>
            </div>
          );
        })}
      </div>
      <footer class="tv-guide-hint">{words.guideHint}</footer>
    </section>
  );
}
