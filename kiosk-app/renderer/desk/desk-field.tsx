/** A labelled input of the desk's forms with its error under it, tied together for screen readers. */
import type { ComponentChildren, InputHTMLAttributes } from 'preact';

export function DeskField(props: {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  children: (describedBy: string | undefined, invalid: boolean) => ComponentChildren;
}) {
  const errorId = `${props.id}-error`;
  const hintId = `${props.id}-hint`;
  const describedBy = props.error ? errorId : props.hint ? hintId : undefined;
  return (
    <div class="desk-field" data-invalid={String(Boolean(props.error))}>
      <label for={props.id}>{props.label}</label>
      {props.children(describedBy, Boolean(props.error))}
      {props.error ? (
        <p id={errorId} class="field-error" role="alert">
          {props.error}
        </p>
      ) : (
        props.hint && (
          <p id={hintId} class="muted">
            {props.hint}
          </p>
        )
      )}
    </div>
  );
}

/** A text input in a DeskField: `attributes` are the input's own (type, autocomplete, maxLength…). */
export function DeskInput(props: {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  error?: string;
  hint?: string;
  attributes?: InputHTMLAttributes<HTMLInputElement>;
}) {
  return (
    <DeskField id={props.id} label={props.label} error={props.error} hint={props.hint}>
      {(describedBy, invalid) => (
        <input
          {...props.attributes}
          id={props.id}
          value={props.value}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          onInput={(event) => props.onValue((event.target as HTMLInputElement).value)}
        />
      )}
    </DeskField>
  );
}

/** The end of a desk form: what went wrong that no field owns, and the button that sends it. */
export function DeskSubmit(props: { error?: string; label: string; disabled?: boolean }) {
  return (
    <>
      {props.error && (
        <p class="task-error" role="alert">
          {props.error}
        </p>
      )}
      <div class="screen-buttons">
        <button class="primary" type="submit" disabled={props.disabled}>
          {props.label}
        </button>
      </div>
    </>
  );
}
