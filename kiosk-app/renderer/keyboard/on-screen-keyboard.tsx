/**
 * The kiosk's own keyboard: the kiosk compositor offers no system keyboard or IME, so pinyin,
 * English letters and a numeric pad (with X for ID numbers) are drawn here. Keys never take focus
 * (pointerdown is cancelled), so the input being typed into keeps its caret; the parent applies
 * the text through the callbacks.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Locale } from '@linli/protocol';
import { KEYBOARD_STRINGS, type KeyboardStrings } from './keyboard-strings';
import { createPinyinIme, type PinyinDictionary } from './pinyin-ime';
import { SYLLABLE_SEPARATOR } from './pinyin-segmentation';
import './keyboard.css';

export type KeyboardMode = 'pinyin' | 'letters' | 'digits';

export interface OnScreenKeyboardProps {
  locale: Locale;
  /** The layout to show first (digits for a phone or ID number); by default pinyin, or letters in English. */
  mode?: KeyboardMode;
  onText(text: string): void;
  onBackspace(): void;
  onEnter(): void;
  /** Shows a key that hides the keyboard. */
  onClose?(): void;
}

const LETTER_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'].map((row) => Array.from(row));
/** A phone-style pad; X is the check digit of a resident ID number (身份证号). */
const DIGIT_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'X', '0'];
const CANDIDATES_PER_PAGE = 8;

/** Before the dictionary arrives letters are still composed; they get candidates once it does. */
const NO_DICTIONARY: PinyinDictionary = { syllables: [], characters: [], words: [] };

// Loaded on first use, in its own chunk (about 1 MB), and shared by every keyboard shown afterwards.
let dictionaryLoad: Promise<PinyinDictionary> | undefined;
function loadDictionary(): Promise<PinyinDictionary> {
  dictionaryLoad ??= import('./pinyin-dictionary.json').then(
    (module) => module.default,
    (error: unknown) => {
      dictionaryLoad = undefined; // the next keyboard shown tries again
      throw error;
    },
  );
  return dictionaryLoad;
}

export function OnScreenKeyboard(props: OnScreenKeyboardProps) {
  const t = KEYBOARD_STRINGS[props.locale];
  const [mode, setMode] = useState<KeyboardMode>(props.mode ?? defaultMode(props.locale));
  const [shift, setShift] = useState(false);
  const pinyin = usePinyinComposer(mode === 'pinyin');

  // A new field (digits for a phone number) or language brings its layout; half-typed pinyin is dropped.
  useEffect(() => {
    pinyin.takeLetters();
    setShift(false);
    setMode(props.mode ?? defaultMode(props.locale));
  }, [props.mode, props.locale]);

  // Leaving pinyin or closing keeps what was typed: the letters go into the field as they are.
  const commitComposition = () => {
    const letters = pinyin.takeLetters();
    if (letters) props.onText(letters);
  };
  const switchTo = (next: KeyboardMode) => {
    commitComposition();
    setShift(false);
    setMode(next);
  };
  const close =
    props.onClose &&
    (() => {
      commitComposition();
      props.onClose?.();
    });

  const typeLetter = (letter: string) => {
    if (mode === 'pinyin') return pinyin.type(letter);
    props.onText(shift ? letter.toUpperCase() : letter);
    setShift(false);
  };
  const backspace = () => (pinyin.composing ? pinyin.backspace() : props.onBackspace());
  const space = () => {
    if (!pinyin.composing) return props.onText(' ');
    props.onText(pinyin.chooseFirst() ?? pinyin.takeLetters());
  };
  const enter = () => (pinyin.composing ? props.onText(pinyin.takeLetters()) : props.onEnter());

  const switchKeys = (['pinyin', 'letters', 'digits'] as const)
    .filter((target) => target !== mode)
    .map((target) => <ModeKey key={target} target={target} t={t} onSwitch={switchTo} />);

  return (
    // Cancelling pointerdown anywhere on the keyboard (gaps, disabled keys) keeps the field focused.
    <div
      class="osk"
      data-mode={mode}
      role="group"
      aria-label={t.keyboard}
      lang={props.locale}
      onPointerDown={(event) => event.preventDefault()}
    >
      {mode === 'pinyin' && (
        <CandidateBar composer={pinyin} t={t} onChoose={(index) => props.onText(pinyin.choose(index))} />
      )}
      {mode === 'digits' ? (
        <div class="osk-digits">
          {DIGIT_KEYS.map((digit) => (
            <Key key={digit} label={digit} onPress={() => props.onText(digit)} />
          ))}
          <Key class="osk-backspace" name={t.backspace} label="⌫" onPress={backspace} />
          <Key class="osk-enter" label={t.enter} onPress={enter} />
        </div>
      ) : (
        <div class="osk-letters">
          {LETTER_ROWS.map((row, index) => (
            <div class="osk-row" key={index}>
              {index === 2 && mode === 'letters' && (
                <Key class="osk-shift" name={t.shift} label="⇧" toggled={shift} onPress={() => setShift(!shift)} />
              )}
              {index === 2 && mode === 'pinyin' && (
                <Key name={t.separator} label={SYLLABLE_SEPARATOR} onPress={() => pinyin.type(SYLLABLE_SEPARATOR)} />
              )}
              {row.map((letter) => {
                const shown = shift && mode === 'letters' ? letter.toUpperCase() : letter;
                return <Key key={letter} label={shown} onPress={() => typeLetter(letter)} />;
              })}
              {index === 2 && <Key class="osk-backspace" name={t.backspace} label="⌫" onPress={backspace} />}
            </div>
          ))}
        </div>
      )}
      <div class="osk-row osk-bottom">
        {switchKeys}
        {mode !== 'digits' && <Key class="osk-space" label={t.space} onPress={space} />}
        {mode !== 'digits' && <Key class="osk-enter" label={t.enter} onPress={enter} />}
        {close && <Key class="osk-close" label={t.close} onPress={close} />}
      </div>
    </div>
  );
}

function defaultMode(locale: Locale): KeyboardMode {
  return locale === 'en' ? 'letters' : 'pinyin';
}

type DictionaryStatus = 'loading' | 'ready' | 'unavailable';

interface PinyinComposer {
  composing: string;
  dictionary: DictionaryStatus;
  page: number;
  candidates: { items: string[]; hasMore: boolean };
  setPage(page: number): void;
  type(letter: string): void;
  backspace(): void;
  /** The chosen text (by its index on the current page); letters left over stay composing. */
  choose(indexOnPage: number): string;
  chooseFirst(): string | undefined;
  /** The composing letters as typed, ending the composition. */
  takeLetters(): string;
}

/** The IME's state for rendering: the IME is mutable, so every change bumps a revision. */
function usePinyinComposer(active: boolean): PinyinComposer {
  const [ime, setIme] = useState(() => createPinyinIme(NO_DICTIONARY, { pageSize: CANDIDATES_PER_PAGE }));
  const [dictionaryStatus, setDictionaryStatus] = useState<DictionaryStatus>('loading');
  const [page, setPage] = useState(0);
  const [, setRevision] = useState(0);

  useEffect(() => {
    if (!active || dictionaryStatus !== 'loading') return;
    let current = true;
    loadDictionary().then(
      (dictionary) => {
        if (!current) return;
        // Letters typed while the dictionary loaded carry over into the real IME.
        setIme((waiting) => {
          const loaded = createPinyinIme(dictionary, { pageSize: CANDIDATES_PER_PAGE });
          for (const letter of waiting.composing()) loaded.type(letter);
          return loaded;
        });
        setDictionaryStatus('ready');
      },
      // Without candidates the keys still type letters, which space and enter commit as they are.
      () => current && setDictionaryStatus('unavailable'),
    );
    return () => {
      current = false;
    };
  }, [active, dictionaryStatus]);

  const changed = (nextPage = 0) => {
    setPage(nextPage);
    setRevision((revision) => revision + 1);
  };
  const composing = ime.composing();
  return {
    composing,
    dictionary: dictionaryStatus,
    page,
    candidates: composing ? ime.candidates(page) : { items: [], hasMore: false },
    setPage: changed,
    type(letter) {
      ime.type(letter);
      changed();
    },
    backspace() {
      ime.backspace();
      changed();
    },
    choose(indexOnPage) {
      const { committed } = ime.choose(page * CANDIDATES_PER_PAGE + indexOnPage);
      changed();
      return committed;
    },
    chooseFirst() {
      if (ime.candidates(0).items.length === 0) return undefined;
      const { committed } = ime.choose(0);
      changed();
      return committed;
    },
    takeLetters() {
      const letters = ime.composing();
      ime.clear();
      changed();
      return letters;
    },
  };
}

function CandidateBar(props: { composer: PinyinComposer; t: KeyboardStrings; onChoose(indexOnPage: number): void }) {
  const { composer, t } = props;
  const { items, hasMore } = composer.candidates;
  return (
    <div class="osk-candidates" role="group" aria-label={t.candidates}>
      <span class="osk-composing" role="status">
        {composer.composing}
      </span>
      {composer.composing && composer.dictionary !== 'ready' && (
        <span class="osk-note">{composer.dictionary === 'loading' ? t.loadingPinyin : t.pinyinUnavailable}</span>
      )}
      <div class="osk-candidate-list">
        {items.map((item, index) => (
          <Key
            key={`${composer.page}-${index}`}
            class="osk-candidate"
            label={item}
            onPress={() => props.onChoose(index)}
          />
        ))}
      </div>
      {composer.composing && (
        <>
          <Key
            class="osk-page"
            name={t.previousCandidates}
            label="‹"
            disabled={composer.page === 0}
            onPress={() => composer.setPage(composer.page - 1)}
          />
          <Key
            class="osk-page"
            name={t.nextCandidates}
            label="›"
            disabled={!hasMore}
            onPress={() => composer.setPage(composer.page + 1)}
          />
        </>
      )}
    </div>
  );
}

function ModeKey(props: { target: KeyboardMode; t: KeyboardStrings; onSwitch(mode: KeyboardMode): void }) {
  const { target, t } = props;
  const [label, name] = {
    pinyin: [t.pinyinKeyLabel, t.toPinyin],
    letters: [t.lettersKeyLabel, t.toLetters],
    digits: [t.digitsKeyLabel, t.toDigits],
  }[target];
  return <Key class="osk-mode" name={name} label={label} onPress={() => props.onSwitch(target)} />;
}

/**
 * One key: a real button that never takes focus from the input. `data-pressed` shows the press at
 * once on touchscreens, where :active can lag or be skipped on a quick tap.
 */
function Key(props: {
  label: ComponentChildren;
  name?: string;
  class?: string;
  toggled?: boolean;
  disabled?: boolean;
  onPress(): void;
}) {
  const release = (event: PointerEvent) => (event.currentTarget as HTMLElement).removeAttribute('data-pressed');
  return (
    <button
      type="button"
      class={`osk-key${props.class ? ` ${props.class}` : ''}`}
      aria-label={props.name}
      aria-pressed={props.toggled}
      disabled={props.disabled}
      onPointerDown={(event) => {
        event.preventDefault();
        (event.currentTarget as HTMLElement).setAttribute('data-pressed', '');
      }}
      onPointerUp={release}
      onPointerCancel={release}
      onPointerLeave={release}
      onClick={props.onPress}
    >
      {props.label}
    </button>
  );
}
