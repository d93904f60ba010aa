/**
 * 读取身份证: consent first, then the reader is polled (only while this screen waits), then the
 * card is shown masked. A reader that is offline is said at once instead of waiting.
 */
import { useEffect, useState } from 'preact/hooks';
import type { KioskBridge, Locale, MaskedIdCard, PeripheralsView } from '@linli/protocol';
import { STRINGS } from '../i18n';
import { peripheralDown } from './peripheral-down';
import { cardTypeText, idCardErrorText } from './peripheral-texts';

type Step =
  | { kind: 'consent' }
  | { kind: 'waiting' }
  | { kind: 'shown'; card: MaskedIdCard }
  | { kind: 'failed'; message: string };

const WAIT_SEC = 60;

export function IdCardScreen(props: {
  bridge: KioskBridge;
  locale: Locale;
  peripherals: PeripheralsView | null;
  onRead?: (card: MaskedIdCard) => void;
  onDone: () => void;
  /** Where the card read can go next (an A4 printer is attached): the forms it fills in. */
  onPrintForms?: () => void;
}) {
  const { bridge } = props;
  const t = STRINGS[props.locale];
  const [step, setStep] = useState<Step>({ kind: 'consent' });
  const reader = props.peripherals?.peripherals.find((peripheral) => peripheral.kind === 'id-card-reader');

  useEffect(() => {
    if (step.kind !== 'waiting') return;
    let current = true;
    bridge
      .readIdCard({ timeoutSec: WAIT_SEC })
      .then((card) => {
        if (!current) return;
        setStep({ kind: 'shown', card });
        props.onRead?.(card);
      })
      .catch((error: unknown) => current && setStep({ kind: 'failed', message: idCardErrorText(t, error) }));
    return () => {
      current = false;
      void bridge.cancelIdCard({});
    };
  }, [step.kind]);

  // A reader that is offline or broken is said at once, also when it goes away while waiting;
  // one still starting (the kiosk just booted) is waited for by the host.
  const readerDown = peripheralDown(reader);
  useEffect(() => {
    if (step.kind === 'waiting' && readerDown) setStep({ kind: 'failed', message: t.errorReaderUnavailable });
  }, [readerDown, step.kind]);

  const start = () => setStep(readerDown ? { kind: 'failed', message: t.errorReaderUnavailable } : { kind: 'waiting' });

  return (
    <section class="task-screen id-card-screen" aria-labelledby="id-card-title">
      <h1 id="id-card-title">{t.readIdCard}</h1>
      {step.kind === 'consent' && (
        <>
          <p class="consent">{t.idCardConsent}</p>
          <div class="screen-buttons">
            <button class="primary" onClick={start}>
              {t.agreeAndRead}
            </button>
            <button onClick={props.onDone}>{t.cancel}</button>
          </div>
        </>
      )}
      {step.kind === 'waiting' && (
        <>
          <div class="card-slot" aria-hidden="true">
            <div class="card-shape" />
          </div>
          <p class="place-card" role="status">
            {t.placeCard}
          </p>
          <p class="muted">{t.placeCardHint}</p>
          <div class="screen-buttons">
            <button onClick={props.onDone}>{t.cancel}</button>
          </div>
        </>
      )}
      {step.kind === 'shown' && (
        <>
          <p class="card-read" role="status">
            {t.cardRead}
          </p>
          <dl class="facts card-facts">
            <div class="fact">
              <dt>{t.cardType}</dt>
              <dd>{cardTypeText(t, step.card.cardType)}</dd>
            </div>
            <div class="fact">
              <dt>{t.cardName}</dt>
              <dd data-field="name">{step.card.name}</dd>
            </div>
            <div class="fact">
              <dt>{t.cardGender}</dt>
              <dd>{{ male: t.male, female: t.female, unknown: t.genderUnknown }[step.card.gender]}</dd>
            </div>
            {step.card.nation && (
              <div class="fact">
                <dt>{t.cardNation}</dt>
                <dd>{step.card.nation}</dd>
              </div>
            )}
            {step.card.nationality && (
              <div class="fact">
                <dt>{t.cardNationality}</dt>
                <dd>{step.card.nationality}</dd>
              </div>
            )}
            <div class="fact">
              <dt>{t.cardNumber}</dt>
              <dd data-field="idNumber">{step.card.idNumber}</dd>
            </div>
            <div class="fact">
              <dt>{t.cardValidTo}</dt>
              <dd>{step.card.validTo === '长期' ? t.longTerm : step.card.validTo}</dd>
            </div>
          </dl>
          <p class="muted">{t.maskedNote}</p>
          <div class="screen-buttons">
            {props.onPrintForms && (
              <button class="primary" onClick={props.onPrintForms}>
                {t.printFormsWithCard}
              </button>
            )}
            <button class={props.onPrintForms ? '' : 'primary'} onClick={props.onDone}>
              {t.done}
            </button>
            <button onClick={() => setStep({ kind: 'waiting' })}>{t.readAgain}</button>
          </div>
        </>
      )}
      {step.kind === 'failed' && (
        <>
          <p class="task-error" role="alert">
            {step.message}
          </p>
          <div class="screen-buttons">
            <button class="primary" onClick={start}>
              {t.retry}
            </button>
            <button onClick={props.onDone}>{t.cancel}</button>
          </div>
        </>
      )}
    </section>
  );
}
