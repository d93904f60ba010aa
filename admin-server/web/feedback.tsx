/** What every page shows after an action: a notice, or the coded error with the fields it names. */
import type { ComponentChildren, JSX } from 'preact';
import { useState } from 'preact/hooks';
import { LinliError, type ErrorCode } from '@linli/protocol';
import { describeError, fieldProblems, type AdminStrings } from './i18n';

/** The error in the user's language, field problems in words, and the code small at the end for support. */
export function ErrorBox(props: { error: LinliError | null; t: AdminStrings }) {
  const { error, t } = props;
  if (!error) return null;
  const { message, details, note } = describeError(t, error);
  return (
    <div class="error" role="alert">
      {error.code === 'EDIT_CONFLICT' && <p>{t.editConflict}</p>}
      {message}
      {details.length > 0 && (
        <ul>
          {details.map((detail, i) => (
            <li key={i}>{detail}</li>
          ))}
        </ul>
      )}
      <span class="muted">{note}</span>
    </div>
  );
}

/**
 * Runs page actions: a string an action resolves to becomes the notice, a failure the error,
 * and `revision` moves on after each success so lists reload.
 */
export function useActions(t: AdminStrings) {
  const [notice, setNotice] = useState('');
  const [error, setError] = useState<LinliError | null>(null);
  const [revision, setRevision] = useState(0);
  const act = async (work: () => Promise<unknown>): Promise<boolean> => {
    try {
      setError(null);
      const message = await work();
      setNotice(typeof message === 'string' ? message : '');
      setRevision((r) => r + 1);
      return true;
    } catch (caught) {
      setNotice('');
      setError(caught instanceof LinliError ? caught : new LinliError('INTERNAL', String(caught)));
      return false;
    }
  };
  const feedback = (
    <>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <ErrorBox error={error} t={t} />
    </>
  );
  return { act, feedback, error, revision, setNotice, setError, reload: () => setRevision((r) => r + 1) };
}

/**
 * Whether a form's summary must say the error: it names no field at all, or one of its problems lies
 * at none of the form's `paths` (so no field of the form shows it).
 */
export function needsSummary(t: AdminStrings, error: LinliError | null, paths: readonly string[]): boolean {
  if (!error) return false;
  const problems = fieldProblems(t, error);
  return problems.length === 0 || problems.some((problem) => !paths.includes(problem.path));
}

/**
 * A labelled control with, under it, the note of the problem that names it (FieldErrors.note): the
 * markup every editor's fields share.
 */
export function Field(props: { label: ComponentChildren; note?: ComponentChildren; children: ComponentChildren }) {
  return (
    <div class="field">
      <label class="field">
        <span>{props.label}</span>
        {props.children}
      </label>
      {props.note}
    </div>
  );
}

/** One choice among a few, as radio buttons under a legend; the error naming `name` is marked and said under them. */
export function RadioChoices<T extends string>(props: {
  name: string;
  legend: ComponentChildren;
  options: readonly T[];
  words: Record<T, string>;
  value: T | undefined;
  onChange: (value: T) => void;
  problems?: FieldErrors;
}) {
  return (
    <fieldset class="choices" {...props.problems?.control(props.name)}>
      <legend>{props.legend}</legend>
      {props.options.map((option) => (
        <label key={option} class="inline">
          <input
            type="radio"
            name={props.name}
            value={option}
            checked={props.value === option}
            onChange={() => props.onChange(option)}
          />
          {props.words[option]}
        </label>
      ))}
      {props.problems?.note(props.name)}
    </fieldset>
  );
}

/** What a control gets when the error names it: marked invalid and described by the note under it. */
export type FieldAria = { 'aria-invalid'?: 'true'; 'aria-describedby'?: string };

/**
 * An error's problems placed under the fields they name. `control(path)` marks the control,
 * `note(path)` is the text under it; `nested` also takes what lies below the path (a list edited in
 * one box: `keywords` takes `keywords/3`, said with its item number). The summary (ErrorBox) still
 * lists everything, so a problem no field takes is not lost.
 */
export interface FieldErrors {
  control(path: string, nested?: boolean): FieldAria;
  note(path: string, nested?: boolean): JSX.Element | null;
  /** Whether anything at or below the path has a problem. */
  has(path: string, nested?: boolean): boolean;
}

/**
 * `idPrefix` keeps the notes' ids apart from another form's on the page; `byCode` names the field an
 * error without details is about (BAD_CREDENTIALS: the password, ALREADY_EXISTS: the id).
 */
export function fieldErrors(
  t: AdminStrings,
  error: LinliError | null,
  idPrefix: string,
  byCode: Partial<Record<ErrorCode, string>> = {},
): FieldErrors {
  const problems = fieldProblems(t, error);
  const fallback = error && !error.details?.length ? byCode[error.code] : undefined;
  if (fallback !== undefined) problems.push({ path: fallback, field: '', problem: t.errors.codes[error!.code] });
  const matching = (path: string, nested = false) =>
    problems.filter((p) => p.path === path || (nested && p.path.startsWith(`${path}/`)));
  const id = (path: string) => `${idPrefix}-problem-${path.replace(/[^A-Za-z0-9]+/g, '-') || 'all'}`;
  return {
    has: (path, nested) => matching(path, nested).length > 0,
    control: (path, nested) =>
      matching(path, nested).length > 0 ? { 'aria-invalid': 'true', 'aria-describedby': id(path) } : {},
    note: (path, nested) => {
      const found = matching(path, nested);
      if (found.length === 0) return null;
      return (
        <span class="field-error" id={id(path)}>
          {found
            .map((p) => (p.path === path || !p.field ? p.problem : t.errors.detail(p.field, p.problem)))
            .join(t.errors.separator)}
        </span>
      );
    },
  };
}
