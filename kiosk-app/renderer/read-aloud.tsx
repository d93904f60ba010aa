/** The speaker button of a page (and, in elder mode, 自动朗读): reads the page's text offline. */
import { useEffect, useState } from 'preact/hooks';
import type { KioskBridge, Locale } from '@linli/protocol';
import { STRINGS } from './i18n';
import { fitForSpeech } from './speech-limit';

/** `pageId` names the page: opening another one stops reading and, with auto-read on, starts again. */
export function ReadAloud(props: {
  text: string;
  pageId: string;
  locale: Locale;
  bridge: KioskBridge;
  available: boolean;
  autoRead: boolean;
  elderMode: boolean;
  onAutoRead: (on: boolean) => void;
}) {
  const t = STRINGS[props.locale];
  const [speaking, setSpeaking] = useState(false);
  const speak = () => {
    setSpeaking(true);
    void props.bridge.speak({ text: fitForSpeech(props.text) }).catch(() => setSpeaking(false));
  };
  const stop = () => {
    setSpeaking(false);
    void props.bridge.stopSpeaking({});
  };
  useEffect(() => {
    if (props.available && props.autoRead && props.elderMode) speak();
    return () => void props.bridge.stopSpeaking({});
  }, [props.pageId]);
  if (!props.available) return <p class="speech-note">{t.speechUnavailable}</p>;
  return (
    <div class="read-aloud">
      <button class="speak-button" onClick={speaking ? stop : speak}>
        {speaking ? t.stopReading : t.readAloud}
      </button>
      {props.elderMode && (
        <button aria-pressed={props.autoRead} onClick={() => props.onAutoRead(!props.autoRead)}>
          {t.autoRead}
          {props.autoRead && <span class="switch-state">{t.switchOn}</span>}
        </button>
      )}
    </div>
  );
}
