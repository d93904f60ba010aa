/** 结束办理 in the middle of a task (a form being filled, a card read): asked once, continuing first. */
import type { Locale } from '@linli/protocol';
import { STRINGS } from '../i18n';
import { VisitDialog } from './visit-dialog';

export function ConfirmEnd(props: { locale: Locale; onContinue: () => void; onEnd: () => void }) {
  const t = STRINGS[props.locale];
  return (
    <VisitDialog
      id="confirm-end"
      title={t.confirmEndTitle}
      body={t.confirmEndBody}
      continueLabel={t.continueVisit}
      endLabel={t.confirmEnd}
      onContinue={props.onContinue}
      onEnd={props.onEnd}
    />
  );
}
