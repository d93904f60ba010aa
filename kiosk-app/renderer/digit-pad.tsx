/**
 * A number typed on a large digit pad (an account number, a transaction id, a case's tracking
 * number, phone digits), shown large above the keys with its hint or its error beside it. `id`
 * names the field (its label, hint and error take it as a prefix).
 */
export function DigitPad(props: {
  id: string;
  words: { clear: string; deleteDigit: string };
  label: string;
  hint: string;
  accepts: { max: number; valid: RegExp };
  number: string;
  onNumber: (number: string) => void;
  error: string;
  busy: boolean;
  submit: string;
  onSubmit: () => void;
  /** A second way in beside the submit button (the ID card for bills). */
  extra?: { label: string; onClick: () => void };
}) {
  const { words, id } = props;
  const type = (digit: string) => props.onNumber((props.number + digit).slice(0, props.accepts.max));
  const valid = props.accepts.valid.test(props.number);
  return (
    <div class="digit-pad">
      <label class="digit-pad-label" id={`${id}-label`} for={`${id}-number`}>
        {props.label}
      </label>
      <output
        id={`${id}-number`}
        class="digit-pad-number"
        aria-labelledby={`${id}-label`}
        aria-describedby={props.error ? `${id}-error` : `${id}-hint`}
        aria-invalid={props.error ? 'true' : undefined}
      >
        {props.number || '\u00a0'}
      </output>
      {props.error ? (
        <p id={`${id}-error`} class="task-error" role="alert">
          {props.error}
        </p>
      ) : (
        <p id={`${id}-hint`} class="muted">
          {props.hint}
        </p>
      )}
      <div class="pin-keys digit-pad-keys">
        {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((digit) => (
          <button key={digit} onClick={() => type(digit)}>
            {digit}
          </button>
        ))}
        <button onClick={() => props.onNumber('')}>{words.clear}</button>
        <button onClick={() => type('0')}>0</button>
        <button aria-label={words.deleteDigit} onClick={() => props.onNumber(props.number.slice(0, -1))}>
          ⌫
        </button>
      </div>
      <div class="screen-buttons">
        <button class="primary" disabled={!valid || props.busy} onClick={props.onSubmit}>
          {props.submit}
        </button>
        {props.extra && (
          <button disabled={props.busy} onClick={props.extra.onClick}>
            {props.extra.label}
          </button>
        )}
      </div>
    </div>
  );
}
