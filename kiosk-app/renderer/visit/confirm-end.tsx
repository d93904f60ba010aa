/** 结束办理 in the middle of a task (a form being filled, a card read): asked once, continuing first. */
import type { Locale } from '@linli/protocol';
import { STRINGS } from '../i18n';

export function ConfirmEnd(props: { locale: Locale; onContinue: () => void; onEnd: () => void }) {
  const t = STRINGS[props.locale];
  return (
    <div class="overlay">
      <div
        class="dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="confirm-end-title"
        aria-describedby="confirm-end-body"
      >
        <h2 id="confirm-end-title">{t.confirmEndTitle}</h2>
        <p id="confirm-end-body">{t.confirmEndBody}</p>
        <div class="dialog-buttons">
          <button class="primary" onClick={props.onContinue} autoFocus>
            {t.continueVisit}
          </button>
          <button onClick={props.onEnd}>{t.confirmEnd}</button>
        </div>
      </div>
    </div>
  );
}
