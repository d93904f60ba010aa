/**
 * 打印表格: choose a form, read the ID card if the form needs it, answer its questions with the
 * on-screen keyboard, print on the A4 printer and watch the job until it is on paper.
 */
import { useEffect, useState } from 'preact/hooks';
import type {
  BridgeEvent,
  FormSummary,
  KioskBridge,
  Locale,
  MaskedIdCard,
  PeripheralsView,
  PrintProgress,
} from '@linli/protocol';
import { peripheralDown } from '../peripherals/peripheral-down';
import { IdCardScreen } from '../peripherals/id-card-screen';
import { STRINGS } from '../i18n';
import { KeyboardInput } from '../keyboard/keyboard-input';
import { LoadedView } from '../loaded-view';
import { useLoaded } from '../use-loaded';
import { PrintProgressView } from './print-progress-view';

type Step =
  | { kind: 'choose' }
  | { kind: 'card'; form: FormSummary }
  | { kind: 'fill'; form: FormSummary }
  | { kind: 'print'; form: FormSummary };

export function FormsScreen(props: {
  bridge: KioskBridge;
  locale: Locale;
  peripherals: PeripheralsView | null;
  subscribe: (listener: (event: BridgeEvent) => void) => () => void;
  /** Bumped when the host's content changes (a new form version downloaded): the list reloads. */
  revision: number;
  card: MaskedIdCard | null;
  onCardRead: (card: MaskedIdCard) => void;
  onDone: () => void;
}) {
  const { bridge } = props;
  const t = STRINGS[props.locale];
  const forms = useLoaded(() => bridge.listForms({}), 'forms', [props.revision]);
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [keyboardFor, setKeyboardFor] = useState<string | null>(null);
  const [progress, setProgress] = useState<PrintProgress>({ stage: 'idle' });

  useEffect(
    () => props.subscribe((event) => event === 'print-progress' && void bridge.getPrintProgress({}).then(setProgress)),
    [props.subscribe],
  );

  const printer = props.peripherals?.peripherals.find((peripheral) => peripheral.kind === 'a4-printer');
  const open = (form: FormSummary) =>
    setStep(form.needsIdCard && !props.card ? { kind: 'card', form } : { kind: 'fill', form });
  const print = (form: FormSummary) => {
    setKeyboardFor(null);
    setProgress({ stage: 'preparing', formId: form.id });
    setStep({ kind: 'print', form });
    // The outcome arrives as progress too; the call's own rejection is already shown from there.
    void bridge.printForm({ formId: form.id, typed: answers }).then(
      () => setProgress({ stage: 'done', formId: form.id }),
      () => void bridge.getPrintProgress({}).then(setProgress),
    );
  };

  if (step.kind === 'card') {
    return (
      <IdCardScreen
        bridge={bridge}
        locale={props.locale}
        peripherals={props.peripherals}
        onRead={props.onCardRead}
        onDone={() => setStep(props.card ? { kind: 'fill', form: step.form } : { kind: 'choose' })}
      />
    );
  }
  if (step.kind === 'print') {
    const labelOf = (key: string) => step.form.inputs.find((input) => input.key === key)?.label ?? key;
    return (
      <section class="task-screen" aria-labelledby="forms-title">
        <h1 id="forms-title">{step.form.title}</h1>
        <PrintProgressView locale={props.locale} progress={progress} labelOf={labelOf} />
        {(progress.stage === 'done' || progress.stage === 'failed') && (
          <div class="screen-buttons">
            <button class="primary" onClick={props.onDone}>
              {t.done}
            </button>
            {progress.stage === 'failed' && (
              <button onClick={() => setStep({ kind: 'fill', form: step.form })}>{t.back}</button>
            )}
          </div>
        )}
      </section>
    );
  }
  if (step.kind === 'fill') {
    const { form } = step;
    const complete = form.inputs.every((input) => input.optional || (answers[input.key] ?? '').trim() !== '');
    return (
      <section class="task-screen" aria-labelledby="forms-title">
        <h1 id="forms-title">{form.title}</h1>
        {form.needsIdCard && props.card && <p class="muted">{t.cardWillBeUsed(props.card.name)}</p>}
        <div class="form-questions">
          {form.inputs.map((input) => (
            <div class="form-question" key={input.key}>
              <label for={`q-${input.key}`}>
                {input.label}
                {input.optional && <span class="tag">{t.optionalField}</span>}
              </label>
              <KeyboardInput
                id={`q-${input.key}`}
                locale={props.locale}
                label={input.label}
                type={input.keyboard === 'digits' ? 'tel' : 'text'}
                mode={input.keyboard === 'digits' ? 'digits' : undefined}
                value={answers[input.key] ?? ''}
                onValue={(value) => setAnswers((current) => ({ ...current, [input.key]: value }))}
                maxLength={input.maxLength}
                keyboardOpen={keyboardFor === input.key}
                onKeyboard={(openKeyboard) => setKeyboardFor(openKeyboard ? input.key : null)}
              />
            </div>
          ))}
        </div>
        {peripheralDown(printer) && (
          <p class="task-error" role="alert">
            {t.printUnavailable}
          </p>
        )}
        <div class="screen-buttons">
          <button class="primary" disabled={!complete} onClick={() => print(form)}>
            {t.print}
          </button>
          <button onClick={() => setStep({ kind: 'choose' })}>{t.back}</button>
        </div>
      </section>
    );
  }
  return (
    <section class="task-screen" aria-labelledby="forms-title">
      <h1 id="forms-title">{t.printForms}</h1>
      {!printer && (
        <p class="task-error" role="alert">
          {t.noPrinter}
        </p>
      )}
      <LoadedView loaded={forms.loaded} retry={forms.retry} locale={props.locale}>
        {(list) => (
          <ul class="tiles" role="list">
            {list.map((form) => (
              <li key={form.id}>
                <button class="tile tile-service" disabled={!printer} onClick={() => open(form)}>
                  <span class="tile-name">{form.title}</span>
                  <span class="tile-count">
                    {[form.needsIdCard ? t.needsCard : '', t.questions(form.inputs.length)].filter(Boolean).join(' · ')}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </LoadedView>
    </section>
  );
}
