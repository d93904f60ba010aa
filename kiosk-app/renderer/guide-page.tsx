/** One guide, laid out to be read at arm's length: materials, steps, office, hours, fees. */
import { useState } from 'preact/hooks';
import { LinliError, type Guide, type KioskBridge, type Locale } from '@linli/protocol';
import { RelatedForms } from './forms/related-forms';
import { STRINGS } from './i18n';
import { ReadAloud } from './read-aloud';

/** What read-aloud says for a guide: the parts a resident needs to act on, in reading order. */
export function spokenTextOf(guide: Guide, t: (typeof STRINGS)[Locale]): string {
  return [
    guide.title,
    guide.summary,
    `${t.materials}：${guide.materials.map((material) => material.name).join('；')}`,
    `${t.steps}：${guide.steps.map((step) => step.title).join('；')}`,
    `${t.office}：${guide.office.name}，${guide.office.address}`,
    `${t.hours}：${guide.office.hours}`,
  ].join('。');
}

function Fact(props: { label: string; value: string }) {
  if (!props.value) return null;
  return (
    <div class="fact">
      <dt>{props.label}</dt>
      <dd>{props.value}</dd>
    </div>
  );
}

export function GuidePage(props: {
  guide: Guide;
  locale: Locale;
  elderMode: boolean;
  bridge: KioskBridge;
  speechAvailable: boolean;
  autoRead: boolean;
  onAutoRead: (on: boolean) => void;
  /** A receipt printer is configured: 打印材料清单 is offered. */
  receiptPrinter: boolean;
  /** An A4 printer is configured: the forms naming this guide are offered (相关表格). */
  onOpenForm?: (formId: string) => void;
}) {
  const t = STRINGS[props.locale];
  const { guide } = props;
  return (
    <article class="guide-page" aria-labelledby="guide-title">
      <h1 id="guide-title">{guide.title}</h1>
      <ReadAloud
        text={spokenTextOf(guide, t)}
        pageId={guide.id}
        locale={props.locale}
        bridge={props.bridge}
        available={props.speechAvailable}
        autoRead={props.autoRead}
        elderMode={props.elderMode}
        onAutoRead={props.onAutoRead}
      />
      {props.receiptPrinter && <ChecklistPrint bridge={props.bridge} id={guide.id} locale={props.locale} />}
      {props.onOpenForm && (
        <RelatedForms guideId={guide.id} bridge={props.bridge} locale={props.locale} onOpenForm={props.onOpenForm} />
      )}
      {guide.summary && <p class="guide-lead">{guide.summary}</p>}
      <dl class="facts">
        <Fact label={t.audience} value={guide.audience} />
        <Fact label={t.timeLimit} value={guide.timeLimit} />
        <Fact label={t.fees} value={guide.fees} />
      </dl>
      <section>
        <h2>{t.materials}</h2>
        <ol class="materials">
          {guide.materials.map((material, index) => (
            <li key={index}>
              <span class="material-name">{material.name}</span>
              <span class={material.required ? 'tag tag-required' : 'tag'}>
                {material.required ? t.required : t.optional}
              </span>
              {material.copies && <span class="material-copies">{material.copies}</span>}
              {material.note && <span class="material-note">{material.note}</span>}
            </li>
          ))}
        </ol>
      </section>
      <section>
        <h2>{t.steps}</h2>
        <ol class="steps">
          {guide.steps.map((step, index) => (
            <li key={index}>
              <strong>{step.title}</strong>
              {step.detail && <p>{step.detail}</p>}
            </li>
          ))}
        </ol>
      </section>
      <section>
        <h2>{t.office}</h2>
        <dl class="facts">
          <Fact label={t.office} value={`${guide.office.name} · ${guide.office.address}`} />
          <Fact label={t.hours} value={guide.office.hours} />
          <Fact label={t.phone} value={guide.office.phone} />
        </dl>
      </section>
      {guide.forms.length > 0 && (
        <section>
          <h2>{t.forms}</h2>
          <ul>
            {guide.forms.map((form, index) => (
              <li key={index}>
                {form.name}
                {form.code ? `（${form.code}）` : ''}
              </li>
            ))}
          </ul>
        </section>
      )}
      {!props.elderMode && guide.legalBasis.length > 0 && (
        <section class="legal">
          <h2>{t.legalBasis}</h2>
          <ul>
            {guide.legalBasis.map((basis, index) => (
              <li key={index}>{basis}</li>
            ))}
          </ul>
        </section>
      )}
      <p class="updated">{t.updated(guide.updatedAt.slice(0, 10))}</p>
    </article>
  );
}

/** 打印材料清单, and what became of it: printing, printed (take it), or why not. */
function ChecklistPrint(props: { bridge: KioskBridge; id: string; locale: Locale }) {
  const t = STRINGS[props.locale];
  const [state, setState] = useState<'idle' | 'printing' | 'printed' | 'paper-out' | 'failed'>('idle');
  const print = () => {
    setState('printing');
    props.bridge.printGuideChecklist({ id: props.id, locale: props.locale }).then(
      () => setState('printed'),
      (error: unknown) =>
        setState(error instanceof LinliError && error.code === 'PRINTER_PAPER_OUT' ? 'paper-out' : 'failed'),
    );
  };
  const message = {
    idle: '',
    printing: t.printingChecklist,
    printed: t.checklistPrinted,
    'paper-out': t.printPaperOut,
    failed: t.printFailedRetry,
  }[state];
  return (
    <div class="checklist-print">
      <button class="primary" onClick={print} disabled={state === 'printing'}>
        {t.printChecklist}
      </button>
      {message && (
        <p
          class={state === 'failed' || state === 'paper-out' ? 'print-note print-note-error' : 'print-note'}
          role="status"
        >
          {message}
        </p>
      )}
    </div>
  );
}
