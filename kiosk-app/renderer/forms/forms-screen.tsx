/**
 * 打印表格: choose a form (or arrive on one from a guide's 相关表格), read the ID card if the form
 * needs it, answer its questions — typed with the on-screen keyboard, fixed answers as buttons,
 * dates with the date picker, 与身份证住址相同 — check the preview, print on the A4 printer and
 * watch the job until it is on paper.
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
  TypedFormInput,
} from '@linli/protocol';
import { useBackStep } from '../back-step';
import { peripheralDown } from '../peripherals/peripheral-down';
import { IdCardScreen } from '../peripherals/id-card-screen';
import { STRINGS } from '../i18n';
import { KeyboardInput } from '../keyboard/keyboard-input';
import { LoadedView } from '../loaded-view';
import { useLoaded } from '../use-loaded';
import { ChoiceButtons } from './choice-buttons';
import { DatePicker } from './date-picker';
import { answerProblem, printBlockedBy, printRequestOf, type AnswerProblem, type Answers } from './form-answers';
import { FormPreview } from './form-preview';
import { PrintProgressView } from './print-progress-view';
import './forms.css';

type Step =
  | { kind: 'choose' }
  | { kind: 'card'; form: FormSummary }
  | { kind: 'fill'; form: FormSummary }
  | { kind: 'preview'; form: FormSummary }
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
  /** Opens this form at once (相关表格 on a guide page). */
  formId?: string;
}) {
  const { bridge } = props;
  const t = STRINGS[props.locale];
  const forms = useLoaded(() => bridge.listForms({}), 'forms', [props.revision]);
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [sameAsCard, setSameAsCard] = useState<string[]>([]);
  // Questions the resident has answered or cleared, and whether they asked to go on anyway: only
  // then does a question show what is wrong with it.
  const [touched, setTouched] = useState<string[]>([]);
  const [showAllProblems, setShowAllProblems] = useState(false);
  const [keyboardFor, setKeyboardFor] = useState<string | null>(null);
  const [progress, setProgress] = useState<PrintProgress>({ stage: 'idle' });
  const [openedFromGuide, setOpenedFromGuide] = useState(false);
  const answers: Answers = { typed, sameAsCard: new Set(props.card ? sameAsCard : []) };

  useEffect(
    () => props.subscribe((event) => event === 'print-progress' && void bridge.getPrintProgress({}).then(setProgress)),
    [props.subscribe],
  );

  // 返回 in the bottom bar walks this screen's steps back; a form opened from a guide goes back to it.
  const fromGuide = (form: FormSummary) => form.id === props.formId;
  useBackStep(
    step.kind === 'preview' || (step.kind === 'print' && progress.stage === 'failed')
      ? () => setStep({ kind: 'fill', form: step.form })
      : (step.kind === 'fill' || step.kind === 'card') && !fromGuide(step.form)
        ? () => setStep({ kind: 'choose' })
        : null,
  );

  const printer = props.peripherals?.peripherals.find((peripheral) => peripheral.kind === 'a4-printer');
  const open = (form: FormSummary) => {
    setShowAllProblems(false);
    setStep(form.needsIdCard && !props.card ? { kind: 'card', form } : { kind: 'fill', form });
  };
  useEffect(() => {
    if (!props.formId || openedFromGuide || forms.loaded.state !== 'loaded') return;
    setOpenedFromGuide(true);
    const form = forms.loaded.value.find((candidate) => candidate.id === props.formId);
    if (form && printer) open(form);
  }, [forms.loaded, props.formId]);

  const answer = (key: string, value: string) => {
    setTyped((current) => ({ ...current, [key]: value }));
    setTouched((current) => (current.includes(key) ? current : [...current, key]));
  };
  const print = (form: FormSummary) => {
    setKeyboardFor(null);
    setProgress({ stage: 'preparing', formId: form.id });
    setStep({ kind: 'print', form });
    // The outcome arrives as progress too; the call's own rejection is already shown from there.
    void bridge.printForm({ formId: form.id, ...printRequestOf(form.inputs, answers) }).then(
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
              <button onClick={() => setStep({ kind: 'fill', form: step.form })}>{t.editAnswers}</button>
            )}
          </div>
        )}
      </section>
    );
  }
  if (step.kind === 'preview') {
    const { form } = step;
    return (
      <section class="task-screen" aria-labelledby="forms-title">
        <h1 id="forms-title">{t.previewTitle}</h1>
        <FormPreview form={form} answers={answers} card={props.card} today={new Date()} locale={props.locale} />
        {peripheralDown(printer) && (
          <p class="task-error" role="alert">
            {t.printUnavailable}
          </p>
        )}
        <div class="screen-buttons">
          <button class="primary" onClick={() => print(form)}>
            {t.print}
          </button>
          <button onClick={() => setStep({ kind: 'fill', form })}>{t.editAnswers}</button>
        </div>
      </section>
    );
  }
  if (step.kind === 'fill') {
    const { form } = step;
    const blockedBy = printBlockedBy(form.inputs, answers);
    const problemText = (input: TypedFormInput, problem: AnswerProblem) =>
      ({ required: t.fieldRequired(input.label), choose: t.choiceRequired(input.label), digits: t.digitsOnly })[
        problem
      ];
    const goOn = () => {
      if (!blockedBy) {
        setKeyboardFor(null);
        setStep({ kind: 'preview', form });
        return;
      }
      setShowAllProblems(true);
      const first = form.inputs.find((input) => answerProblem(input, answers));
      if (first) document.getElementById(`question-${first.key}`)?.scrollIntoView({ block: 'center' });
    };
    return (
      <section class="task-screen" aria-labelledby="forms-title">
        <h1 id="forms-title">{form.title}</h1>
        {form.needsIdCard && props.card && <p class="muted">{t.cardWillBeUsed(props.card.name)}</p>}
        <div class="form-questions">
          {form.inputs.map((input) => {
            const problem = answerProblem(input, answers);
            const shownProblem =
              problem && (showAllProblems || (touched.includes(input.key) && problem !== 'choose'))
                ? problem
                : undefined;
            const errorId = shownProblem ? `error-${input.key}` : undefined;
            const labelId = `label-${input.key}`;
            const sameAsChosen =
              input.sameAsCard !== undefined && props.card !== null && sameAsCard.includes(input.key);
            return (
              <div
                class="form-question"
                key={input.key}
                id={`question-${input.key}`}
                data-invalid={shownProblem ? 'true' : undefined}
              >
                <label id={labelId} for={input.choices || input.dateFormat ? undefined : `q-${input.key}`}>
                  {input.label}
                  {input.optional ? (
                    <span class="tag">{t.optionalField}</span>
                  ) : (
                    <span class="required-mark" title={t.requiredMark}>
                      <span aria-hidden="true">*</span>
                      <span class="forms-sr-only">{t.requiredMark}</span>
                    </span>
                  )}
                </label>
                {input.choices ? (
                  <ChoiceButtons
                    labelId={labelId}
                    choices={input.choices}
                    value={typed[input.key] ?? ''}
                    onValue={(choice) => answer(input.key, choice)}
                    describedBy={errorId}
                  />
                ) : input.dateFormat ? (
                  <DatePicker
                    labelId={labelId}
                    locale={props.locale}
                    value={typed[input.key] ?? ''}
                    onValue={(iso) => answer(input.key, iso)}
                    today={new Date()}
                    describedBy={errorId}
                  />
                ) : sameAsChosen ? (
                  <div class="same-as-card">
                    <p>{t.sameAsCardChosen}</p>
                    <button
                      type="button"
                      onClick={() => setSameAsCard((current) => current.filter((key) => key !== input.key))}
                    >
                      {t.typeInstead}
                    </button>
                  </div>
                ) : (
                  <div class="question-input">
                    <KeyboardInput
                      id={`q-${input.key}`}
                      locale={props.locale}
                      label={input.label}
                      type={input.keyboard === 'digits' ? 'tel' : 'text'}
                      mode={input.keyboard === 'digits' ? 'digits' : undefined}
                      value={typed[input.key] ?? ''}
                      onValue={(value) => answer(input.key, value)}
                      maxLength={input.maxLength}
                      keyboardOpen={keyboardFor === input.key}
                      onKeyboard={(openKeyboard) => setKeyboardFor(openKeyboard ? input.key : null)}
                    />
                    {input.sameAsCard && props.card && (
                      <button
                        type="button"
                        class="same-as-card-button"
                        onClick={() => {
                          setKeyboardFor(null);
                          setSameAsCard((current) => [...current, input.key]);
                        }}
                      >
                        {t.sameAsCardAddress}
                      </button>
                    )}
                  </div>
                )}
                {shownProblem && (
                  <p class="field-error" id={errorId}>
                    {problemText(input, shownProblem)}
                  </p>
                )}
              </div>
            );
          })}
        </div>
        {peripheralDown(printer) && (
          <p class="task-error" role="alert">
            {t.printUnavailable}
          </p>
        )}
        <div class="screen-buttons">
          <button
            class="primary"
            aria-disabled={blockedBy ? 'true' : undefined}
            aria-describedby={blockedBy ? 'print-blocked' : undefined}
            onClick={goOn}
          >
            {t.previewForm}
          </button>
        </div>
        {blockedBy && (
          <p class="print-blocked" id="print-blocked" role="status">
            {t.fillFirst(blockedBy)}
          </p>
        )}
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
