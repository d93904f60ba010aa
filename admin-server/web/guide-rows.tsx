/** A guide's materials and steps as rows: one input per part, add, remove, move up and down. */
import type { FieldErrors } from './feedback';
import { newMaterial, newStep, type MaterialRow, type StepRow } from './guide-form';
import type { AdminStrings } from './i18n';
import { RowCell, RowList } from './row-list';

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
      keyOf={(row) => row.key}
      add={
        <button type="button" onClick={() => props.onChange([...props.rows, newMaterial()])}>
          {t.ui.addMaterial}
        </button>
      }
      onChange={props.onChange}
      row={(row, index, update) => {
        const n = index + 1;
        const at = (part: string) => `materials/${index}/${part}`;
        return (
          <>
            <RowCell
              t={t}
              label={t.ui.materialName}
              n={n}
              path={at('name')}
              value={row.name}
              problems={problems}
              wide
              onInput={(name) => update({ name })}
            />
            <RowCell
              t={t}
              label={t.ui.copies}
              n={n}
              path={at('copies')}
              value={row.copies}
              problems={problems}
              onInput={(copies) => update({ copies })}
            />
            <RowCell
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
      keyOf={(row) => row.key}
      add={
        <button type="button" onClick={() => props.onChange([...props.rows, newStep()])}>
          {t.ui.addStep}
        </button>
      }
      onChange={props.onChange}
      row={(row, index, update) => (
        <>
          <RowCell
            t={t}
            label={t.ui.stepTitle}
            n={index + 1}
            path={`steps/${index}/title`}
            value={row.title}
            problems={problems}
            onInput={(title) => update({ title })}
          />
          <RowCell
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
