/** The end-of-visit countdown: continue, or end now. */
import type { Locale } from '@linli/protocol';
import { STRINGS } from '../i18n';
import { VisitDialog } from './visit-dialog';

export function IdleWarning(props: { locale: Locale; secondsLeft: number; onContinue: () => void; onEnd: () => void }) {
  const t = STRINGS[props.locale];
  return (
    <VisitDialog
      id="idle"
      title={t.idleTitle}
      body={t.idleBody(props.secondsLeft)}
      live
      continueLabel={t.continueVisit}
      endLabel={t.endVisit}
      onContinue={props.onContinue}
      onEnd={props.onEnd}
    />
  );
}
