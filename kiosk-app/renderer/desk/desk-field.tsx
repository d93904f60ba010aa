/** A labelled input of the desk's forms with its error under it, tied together for screen readers. */
import type { ComponentChildren } from 'preact';

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
