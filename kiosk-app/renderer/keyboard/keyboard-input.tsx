/**
 * A text field that brings the on-screen keyboard when touched (a kiosk has no system keyboard).
 * Keys never take focus, so text goes in at the field's caret; physical keyboards and
 * keyboard-wedge scanners type into the field as usual. Whoever owns several fields decides which
 * one has the keyboard open.
 */
import { useRef, useState } from 'preact/hooks';
import type { Locale } from '@linli/protocol';
import { OnScreenKeyboard, type KeyboardMode } from './on-screen-keyboard';

export interface KeyboardInputProps {
  locale: Locale;
  value: string;
  onValue: (value: string) => void;
  label: string;
  keyboardOpen: boolean;
  onKeyboard: (open: boolean) => void;
  type?: 'search' | 'text' | 'tel';
  placeholder?: string;
  maxLength?: number;
  mode?: KeyboardMode;
  autoFocus?: boolean;
  id?: string;
  /** Several lines (a resident's account of a problem): a text area. */
  multiline?: boolean;
  /** The field's hint or error, read out with it. */
  describedBy?: string;
  invalid?: boolean;
  /** How the value shows while the field is not being typed in (a phone number: 138****5678). */
  masked?: (value: string) => string;
}

export function KeyboardInput(props: KeyboardInputProps) {
  const input = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [typing, setTyping] = useState(false);
  const shown = props.masked && !typing && !props.keyboardOpen ? props.masked(props.value) : props.value;
  const edit = (change: (field: HTMLInputElement | HTMLTextAreaElement, start: number, end: number) => void) => {
    const field = input.current;
    if (!field) return;
    change(field, field.selectionStart ?? field.value.length, field.selectionEnd ?? field.value.length);
    props.onValue(field.value);
  };
  const insert = (text: string) =>
    edit((field, start, end) => {
      const room = (props.maxLength ?? Number.POSITIVE_INFINITY) - (field.value.length - (end - start));
      field.setRangeText([...text].slice(0, Math.max(0, room)).join(''), start, end, 'end');
    });
  const backspace = () =>
    edit((field, start, end) => {
      if (start !== end) field.setRangeText('', start, end, 'end');
      else if (start > 0) field.setRangeText('', start - 1, start, 'end');
    });

  return (
    <>
      {props.multiline ? (
        <textarea
          ref={input}
          id={props.id}
          aria-label={props.label}
          aria-describedby={props.describedBy}
          aria-invalid={props.invalid ? 'true' : undefined}
          placeholder={props.placeholder}
          value={props.value}
          maxLength={props.maxLength}
          rows={5}
          inputMode="none"
          onPointerDown={() => props.onKeyboard(true)}
          onInput={(event) => props.onValue((event.target as HTMLTextAreaElement).value)}
        />
      ) : (
        <input
          ref={input}
          id={props.id}
          // Preact types each input type as its own variant; all three behave alike here.
          type={(props.type ?? 'text') as 'text'}
          aria-label={props.label}
          aria-describedby={props.describedBy}
          aria-invalid={props.invalid ? 'true' : undefined}
          placeholder={props.placeholder}
          value={shown}
          maxLength={props.maxLength}
          autoFocus={props.autoFocus}
          inputMode="none"
          onFocus={() => setTyping(true)}
          onBlur={() => setTyping(false)}
          onPointerDown={() => props.onKeyboard(true)}
          onInput={(event) => props.onValue((event.target as HTMLInputElement).value)}
        />
      )}
      {props.keyboardOpen && (
        <div class="keyboard-dock">
          <OnScreenKeyboard
            locale={props.locale}
            mode={props.mode}
            onText={insert}
            onBackspace={backspace}
            onEnter={() => props.onKeyboard(false)}
            onClose={() => props.onKeyboard(false)}
          />
        </div>
      )}
    </>
  );
}
