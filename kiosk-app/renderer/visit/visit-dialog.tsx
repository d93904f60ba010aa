/** A question about the visit, over the screen: go on (the first, focused choice) or end it. */
import type { ComponentChildren } from 'preact';

export function VisitDialog(props: {
  id: string;
  title: string;
  /** Read out as it changes (a countdown), when `live`. */
  body: ComponentChildren;
  live?: boolean;
  continueLabel: string;
  endLabel: string;
  onContinue: () => void;
  onEnd: () => void;
}) {
  return (
    <div class="overlay">
      <div
        class="dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={`${props.id}-title`}
        aria-describedby={`${props.id}-body`}
      >
        <h2 id={`${props.id}-title`}>{props.title}</h2>
        <p id={`${props.id}-body`} {...(props.live ? { 'aria-live': 'assertive' as const } : {})}>
          {props.body}
        </p>
        <div class="dialog-buttons">
          <button class="primary" onClick={props.onContinue} autoFocus>
            {props.continueLabel}
          </button>
          <button onClick={props.onEnd}>{props.endLabel}</button>
        </div>
      </div>
    </div>
  );
}
