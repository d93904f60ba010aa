/** A print job's progress in plain words: preparing → sending → printing → take your form. */
import type { Locale, PrintProgress } from '@linli/protocol';
import { STRINGS } from '../i18n';
import { printErrorText } from './print-error-text';

const STEPS = ['preparing', 'queued', 'printing', 'done'] as const;

export function PrintProgressView(props: {
  locale: Locale;
  progress: PrintProgress;
  labelOf: (key: string) => string;
}) {
  const t = STRINGS[props.locale];
  const { progress } = props;
  if (progress.stage === 'failed') {
    return (
      <p class="task-error" role="alert">
        {progress.error ? printErrorText(t, progress.error, props.labelOf) : t.printFailedRetry}
      </p>
    );
  }
  const reached = Math.max(0, STEPS.indexOf(progress.stage as (typeof STEPS)[number]));
  const label = { preparing: t.stagePreparing, queued: t.stageQueued, printing: t.stagePrinting, done: t.stageDone };
  return (
    <div class="print-progress">
      <div
        class="progress-bar"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={STEPS.length - 1}
        aria-valuenow={reached}
        aria-label={label[STEPS[reached]!]}
      >
        <div class="progress-fill" style={{ width: `${(reached / (STEPS.length - 1)) * 100}%` }} />
      </div>
      <ol class="print-steps">
        {STEPS.map((step, index) => (
          <li key={step} data-reached={String(index <= reached)} aria-current={index === reached ? 'step' : undefined}>
            {label[step]}
          </li>
        ))}
      </ol>
      <p class="print-status" role="status">
        {label[STEPS[reached]!]}
      </p>
    </div>
  );
}
