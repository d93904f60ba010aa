/** A guide's materials and steps as rows: one input per part, add, remove, move up and down. */
import type { ComponentChildren } from 'preact';
import type { FieldErrors } from './feedback';
import { moveRow, newMaterial, newStep, type MaterialRow, type StepRow } from './guide-form';
import type { AdminStrings } from './i18n';

/** The list around the rows: its legend, the rows, the problems of the list as a whole, and the add button. */
function RowList<T extends { key: number }>(props: {
  t: AdminStrings;
  legend: string;
  path: string;
  rows: T[];
  problems: FieldErrors;
  addLabel: string;
  onAdd: () => void;
  onChange: (rows: T[]) => void;
  row: (row: T, index: number, update: (changed: Partial<T>) => void) => ComponentChildren;
}) {
  const { t, rows, problems } = props;
  return (
    <fieldset class="rows" name={props.path} {...problems.control(props.path)}>
      <legend>{props.legend}</legend>
      {problems.note(props.path)}
      <ol>
        {rows.map((row, index) => {
          const n = index + 1;
          const update = (changed: Partial<T>) =>
            props.onChange(rows.map((other, i) => (i === index ? { ...other, ...changed } : other)));
          return (
            <li key={row.key} class="row-item">
              <span class="row-number" aria-hidden="true">
                {n}
              </span>
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
      <div>
        <button type="button" onClick={props.onAdd}>
          {props.addLabel}
        </button>
      </div>
    </fieldset>
  );
}

/** One labelled input of a row, with its problem under it. */
function Cell(props: {
  t: AdminStrings;
  label: string;
  n: number;
  path: string;
  value: string;
  problems: FieldErrors;
  wide?: boolean;
  onInput: (value: string) => void;
}) {
  return (
    <div class={props.wide ? 'field wide' : 'field'}>
      <label class="field">
        <span class="muted">{props.label}</span>
        <input
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

export function MaterialRows(props: {
  t: AdminStrings;
  rows: MaterialRow[];
  problems: FieldErrors;
  onChange: (rows: MaterialRow[]) => void;
}) {
  const { t, problems } = props;
  return (
    <RowList
      t={t}
      legend={t.materials}
      path="materials"
      rows={props.rows}
      problems={problems}
      addLabel={t.ui.addMaterial}
      onAdd={() => props.onChange([...props.rows, newMaterial()])}
      onChange={props.onChange}
      row={(row, index, update) => {
        const n = index + 1;
        const at = (part: string) => `materials/${index}/${part}`;
        return (
          <>
            <Cell
              t={t}
              label={t.ui.materialName}
              n={n}
              path={at('name')}
              value={row.name}
              problems={problems}
              wide
              onInput={(name) => update({ name })}
            />
            <Cell
              t={t}
              label={t.ui.copies}
              n={n}
              path={at('copies')}
              value={row.copies}
              problems={problems}
              onInput={(copies) => update({ copies })}
            />
            <Cell
              t={t}
              label={t.ui.note}
              n={n}
              path={at('note')}
              value={row.note}
              problems={problems}
              onInput={(note) => update({ note })}
            />
            <label class="inline required-toggle">
              <input
                type="checkbox"
                name={at('required')}
                aria-label={t.ui.rowLabel(t.ui.required, n)}
                checked={row.required}
                onChange={(e) => update({ required: (e.target as HTMLInputElement).checked })}
              />
              {t.ui.required}
            </label>
          </>
        );
      }}
    />
  );
}

export function StepRows(props: {
  t: AdminStrings;
  rows: StepRow[];
  problems: FieldErrors;
  onChange: (rows: StepRow[]) => void;
}) {
  const { t, problems } = props;
  return (
    <RowList
      t={t}
      legend={t.steps}
      path="steps"
      rows={props.rows}
      problems={problems}
      addLabel={t.ui.addStep}
      onAdd={() => props.onChange([...props.rows, newStep()])}
      onChange={props.onChange}
      row={(row, index, update) => (
        <>
          <Cell
            t={t}
            label={t.ui.stepTitle}
            n={index + 1}
            path={`steps/${index}/title`}
            value={row.title}
            problems={problems}
            onInput={(title) => update({ title })}
          />
          <Cell
            t={t}
            label={t.ui.stepDetail}
            n={index + 1}
            path={`steps/${index}/detail`}
            value={row.detail}
            problems={problems}
            wide
            onInput={(detail) => update({ detail })}
          />
        </>
      )}
    />
  );
}
