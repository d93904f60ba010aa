/** A large digit pad for the maintenance PIN; digits show as dots. */
import { useState } from 'preact/hooks';
import type { Locale } from '@linli/protocol';
import { STRINGS } from '../i18n';

const MAX_PIN = 12;

export function PinPad(props: { locale: Locale; label: string; error: string; onSubmit: (pin: string) => void }) {
  const t = STRINGS[props.locale];
  const [pin, setPin] = useState('');
  const submit = () => {
    props.onSubmit(pin);
    setPin('');
  };
  return (
    <div class="pin-pad">
      <p id="pin-label">{props.label}</p>
      <output class="pin-dots" aria-labelledby="pin-label" aria-live="polite">
        {'●'.repeat(pin.length) || '\u00a0'}
      </output>
      {props.error && (
        <p class="task-error" role="alert">
          {props.error}
        </p>
      )}
      <div class="pin-keys">
        {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((digit) => (
          <button key={digit} onClick={() => setPin((value) => (value + digit).slice(0, MAX_PIN))}>
            {digit}
          </button>
        ))}
        <button onClick={() => setPin('')}>{t.clearPin}</button>
        <button onClick={() => setPin((value) => (value + '0').slice(0, MAX_PIN))}>0</button>
        <button class="primary" disabled={pin.length < 4} onClick={submit}>
          {t.unlock}
        </button>
      </div>
    </div>
  );
}
