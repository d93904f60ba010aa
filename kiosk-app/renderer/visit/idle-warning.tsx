/** The end-of-visit countdown: continue, or end now. */
import type { Locale } from '@linli/protocol';
import { STRINGS } from '../i18n';

export function IdleWarning(props: { locale: Locale; secondsLeft: number; onContinue: () => void; onEnd: () => void }) {
  const t = STRINGS[props.locale];
  return (
    <div class="overlay">
      <div
        class="dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="idle-title"
        aria-describedby="idle-body"
      >
        <h2 id="idle-title">{t.idleTitle}</h2>
        <p id="idle-body" aria-live="assertive">
          {t.idleBody(props.secondsLeft)}
        </p>
        <div class="dialog-buttons">
          <button class="primary" onClick={props.onContinue} autoFocus>
            {t.continueVisit}
          </button>
          <button onClick={props.onEnd}>{t.endVisit}</button>
        </div>
      </div>
    </div>
  );
}
