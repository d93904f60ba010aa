/** The search field; touching it brings the on-screen keyboard. */
import { useState } from 'preact/hooks';
import type { Locale } from '@linli/protocol';
import { STRINGS } from './i18n';
import { KeyboardInput } from './keyboard/keyboard-input';

export function SearchField(props: { locale: Locale; query: string; onQuery: (query: string) => void }) {
  const t = STRINGS[props.locale];
  const [keyboardOpen, setKeyboardOpen] = useState(false);
  return (
    <div class="search">
      <KeyboardInput
        locale={props.locale}
        type="search"
        label={t.searchLabel}
        placeholder={t.searchPlaceholder}
        value={props.query}
        onValue={props.onQuery}
        maxLength={64}
        autoFocus
        keyboardOpen={keyboardOpen}
        onKeyboard={setKeyboardOpen}
      />
    </div>
  );
}
