/**
 * A list edited as rows (a guide's materials and steps, a zone's playlist): the fields of each row,
 * move up and down, remove, and the controls that add a row. A list may also be reordered by
 * dragging a row by its handle; the buttons do the same for keyboard users.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { FieldErrors } from './feedback';
import type { AdminStrings } from './i18n';
import { moveRow, moveRowTo } from './row-order';

/** The list around the rows: its legend, the rows, the problems of the list as a whole, and what adds a row. */
export function RowList<T>(props: {
  t: AdminStrings;
  legend: string;
  path: string;
  rows: T[];
  /** What keeps a row's element while rows move. */
  keyOf: (row: T, index: number) => string | number;
  problems: FieldErrors;
  /** Below the rows: the button (or the choices and button) that adds one. */
  add: ComponentChildren;
  onChange: (rows: T[]) => void;
  row: (row: T, index: number, update: (changed: Partial<T>) => void) => ComponentChildren;
  /** Rows may be dragged by their handle to another place. */
  draggable?: boolean;
}) {
  const { t, rows, problems } = props;
  const [dragged, setDragged] = useState<number | null>(null);
  const [dropOn, setDropOn] = useState<number | null>(null);
  const endDrag = () => {
    setDragged(null);
    setDropOn(null);
  };
  return (
    <fieldset class="rows" name={props.path} {...problems.control(props.path)}>
      <legend>{props.legend}</legend>
      {problems.note(props.path)}
      <ol>
        {rows.map((row, index) => {
          const n = index + 1;
          const update = (changed: Partial<T>) =>
            props.onChange(rows.map((other, i) => (i === index ? { ...other, ...changed } : other)));
          const dropTarget = props.draggable && {
            onDragOver: (event: DragEvent) => {
              if (dragged === null) return;
              event.preventDefault();
              setDropOn(index);
            },
            onDrop: (event: DragEvent) => {
              event.preventDefault();
              if (dragged !== null) props.onChange(moveRowTo(rows, dragged, index));
              endDrag();
            },
          };
          return (
            <li
              key={props.keyOf(row, index)}
              class={`row-item${dropOn === index && dragged !== index ? ' drop-target' : ''}`}
              {...dropTarget}
            >
              {props.draggable ? (
                // The buttons are the keyboard's way to move a row; the handle is for the mouse only.
                <span
                  class="row-number drag-handle"
                  aria-hidden="true"
                  draggable
                  onDragStart={(event) => {
                    event.dataTransfer?.setData('text/plain', String(index));
                    if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move';
                    setDragged(index);
                  }}
                  onDragEnd={endDrag}
                >
                  ⠿ {n}
                </span>
              ) : (
                <span class="row-number" aria-hidden="true">
                  {n}
                </span>
              )}
              <div class="row-fields">{props.row(row, index, update)}</div>
              <div class="row-buttons">
                <button
                  type="button"
                  aria-label={t.ui.rowLabel(t.ui.moveUp, n)}
                  disabled={index === 0}
                  onClick={() => props.onChange(moveRow(rows, index, -1))}
                >
                  {t.ui.moveUp}
                </button>
                <button
                  type="button"
                  aria-label={t.ui.rowLabel(t.ui.moveDown, n)}
                  disabled={index === rows.length - 1}
                  onClick={() => props.onChange(moveRow(rows, index, 1))}
                >
                  {t.ui.moveDown}
                </button>
                <button
                  type="button"
                  class="danger"
                  aria-label={t.ui.rowLabel(t.ui.removeRow, n)}
                  onClick={() => props.onChange(rows.filter((_, i) => i !== index))}
                >
                  {t.ui.removeRow}
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      <div class="row-adder">{props.add}</div>
    </fieldset>
  );
}

/** One labelled input of a row, with its problem under it. */
export function RowCell(props: {
  t: AdminStrings;
  label: string;
  n: number;
  path: string;
  value: string;
  problems: FieldErrors;
  wide?: boolean;
  type?: 'text' | 'number' | 'url' | 'datetime-local' | 'time';
  onInput: (value: string) => void;
}) {
  return (
    <div class={props.wide ? 'field wide' : 'field'}>
      <label class="field">
        <span class="muted">{props.label}</span>
        <input
          // Preact types each kind of input apart; one cell serves several kinds.
          type={(props.type ?? 'text') as 'text'}
          aria-label={props.t.ui.rowLabel(props.label, props.n)}
          name={props.path}
          value={props.value}
          onInput={(e) => props.onInput((e.target as HTMLInputElement).value)}
          {...props.problems.control(props.path, true)}
        />
      </label>
      {props.problems.note(props.path, true)}
    </div>
  );
}
