/**
 * The search field and, once a resident taps it, the on-screen keyboard (a kiosk has no system
 * keyboard). Physical keyboards and keyboard-wedge scanners type into the field as usual.
 */
import { useRef, useState } from 'preact/hooks';
import type { Locale } from '@linli/protocol';
import { STRINGS } from './i18n';
import { OnScreenKeyboard } from './keyboard/on-screen-keyboard';

export function SearchField(props: { locale: Locale; query: string; onQuery: (query: string) => void }) {
  const t = STRINGS[props.locale];
  const input = useRef<HTMLInputElement>(null);
  const [keyboardOpen, setKeyboardOpen] = useState(false);

  // Keys never take focus, so text goes in at the caret of the field.
  const edit = (change: (field: HTMLInputElement, start: number, end: number) => void) => {
    const field = input.current;
    if (!field) return;
    change(field, field.selectionStart ?? field.value.length, field.selectionEnd ?? field.value.length);
    props.onQuery(field.value);
  };
  const insert = (text: string) => edit((field, start, end) => field.setRangeText(text, start, end, 'end'));
  const backspace = () =>
    edit((field, start, end) => {
      if (start !== end) field.setRangeText('', start, end, 'end');
      else if (start > 0) field.setRangeText('', start - 1, start, 'end');
    });

  return (
    <>
      <div class="search">
        <input
          ref={input}
          type="search"
          aria-label={t.searchLabel}
          placeholder={t.searchPlaceholder}
          value={props.query}
          maxLength={64}
          autoFocus
          onPointerDown={() => setKeyboardOpen(true)}
          onInput={(event) => props.onQuery((event.target as HTMLInputElement).value)}
        />
      </div>
      {keyboardOpen && (
        <div class="keyboard-dock">
          <OnScreenKeyboard locale={props.locale} onText={insert} onBackspace={backspace} onEnter={() => setKeyboardOpen(false)} onClose={() => setKeyboardOpen(false)} />
        </div>
      )}
    </>
  );
}
