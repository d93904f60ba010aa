/**
 * 排队取号: the businesses of this kiosk's hall as large tiles with the people waiting and the wait;
 * one that gives no ticket now is greyed with the reason in words. Where the hall serves older
 * residents first and the kiosk has a card reader, 老年人优先 offers to read the ID card (the host
 * checks the age and sends only the outcome). The ticket then shows its number very large, the
 * business, the people before it and the wait, and a QR code to follow it on a phone; it prints on
 * the receipt printer, and when it does not the number stays with the reason and 重新打印. The
 * server away is said, with 重试 (the host sends the same take again, so it never gives two
 * tickets); 返回 and 首页 leave any step. The visit's end remounts it empty. Where the hall takes
 * bookings, 预约签到 takes the booking's code on the pad or reads the ID card for a ticket called first.
 */
import { useEffect, useState } from 'preact/hooks';
import {
  LinliError,
  type KioskBridge,
  type KioskQueueOffer,
  type Locale,
  type PeripheralsView,
  type ShownQueueTicket,
} from '@linli/protocol';
import { useBackStep } from '../back-step';
import { DigitPad } from '../digit-pad';
import { LoadedView } from '../loaded-view';
import { IdCardScreen } from '../peripherals/id-card-screen';
import { QrCode } from '../qr-code';
import { useLoaded, valueOf } from '../use-loaded';
import { QUEUE_STRINGS, queueErrorText, queuePrintErrorText, refusalText, type QueueStrings } from './queue-strings';
import './queue.css';

type Business = KioskQueueOffer['businesses'][number];
type Step =
  | { kind: 'businesses' }
  /** 老年人优先 by the card, offered under the hall's age rule. */
  | { kind: 'priority'; business: Business; elderAge: number }
  | { kind: 'card'; business: Business; elderAge: number }
  /** 预约签到: the booking's code on the pad, or the ID card. */
  | { kind: 'check-in' }
  | { kind: 'check-in-card' }
  /** `notElderThan`: the card was read for priority and shows a younger age than the rule. */
  | { kind: 'ticket'; ticket: ShownQueueTicket; notElderThan: number | null };

/** A take that did not give a ticket: what to say, and — when the answer may only have been lost — 重试. */
type Failure = { text: string; retry?: () => void };

/** A booking's code as typed on the pad. */
const BOOKING_CODE = { max: 8, valid: /^\d{8}$/ };

/** Failures after which the same take is worth asking again (the host sends it under the same id). */
const WORTH_RETRYING = ['SERVER_UNREACHABLE', 'SERVER_REPLY_INVALID', 'INTERNAL'];

export function QueueScreen(props: {
  bridge: KioskBridge;
  locale: Locale;
  peripherals: PeripheralsView | null;
  /** Bumped when the kiosk's status changes (back online): the waits are asked again. */
  revision: number;
  onDone: () => void;
}) {
  const { bridge, locale } = props;
  const t = QUEUE_STRINGS[locale];
  const offer = useLoaded(() => bridge.queueOffer({}), 'queue-offer', [props.revision]);
  const offered = valueOf(offer.loaded);
  // 老年人优先 is offered where the hall has an age rule and the kiosk can read the card.
  const elderAge = offered?.elderAge ?? null;
  const [step, setStep] = useState<Step>({ kind: 'businesses' });
  const [taking, setTaking] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const receiptPrinter =
    props.peripherals?.peripherals.some((peripheral) => peripheral.kind === 'receipt-printer') ?? false;

  const toBusinesses = () => {
    setFailure(null);
    setStep({ kind: 'businesses' });
  };
  useBackStep(
    step.kind === 'businesses'
      ? null
      : step.kind === 'card'
        ? () => setStep({ ...step, kind: 'priority' })
        : step.kind === 'check-in-card'
          ? () => setStep({ kind: 'check-in' })
          : toBusinesses,
  );
  const [code, setCode] = useState('');

  /** 预约签到 by the code typed or the card read; refused, the pad says why and keeps the code. */
  const checkIn = async (byCard: boolean) => {
    setTaking(true);
    setFailure(null);
    try {
      const ticket = await bridge.checkInQueue(byCard ? { byIdCard: true } : { code });
      setCode('');
      setStep({ kind: 'ticket', ticket, notElderThan: null });
    } catch (error) {
      const retry = WORTH_RETRYING.includes(error instanceof LinliError ? error.code : 'INTERNAL');
      setFailure({ text: queueErrorText(t, error), ...(retry && { retry: () => void checkIn(byCard) }) });
      setStep({ kind: 'check-in' });
    } finally {
      setTaking(false);
    }
  };

  /** `byCardAt`: the age rule the card read in this visit is checked against (null: no priority asked). */
  const take = async (business: Business, byCardAt: number | null) => {
    setTaking(true);
    setFailure(null);
    try {
      const ticket = await bridge.takeQueueTicket({
        business: business.id,
        ...(byCardAt !== null && { elderByIdCard: true }),
      });
      setStep({
        kind: 'ticket',
        ticket,
        notElderThan: byCardAt !== null && ticket.priority !== 'elder' ? byCardAt : null,
      });
    } catch (error) {
      const code = error instanceof LinliError ? error.code : 'INTERNAL';
      const retry = WORTH_RETRYING.includes(code);
      setFailure({
        text: queueErrorText(t, error, offered?.hoursToday),
        ...(retry && { retry: () => void take(business, byCardAt) }),
      });
      // Refused: the tiles are asked again and show why; otherwise the resident stays where they chose.
      if (!retry) offer.retry();
      setStep(retry && byCardAt !== null ? { kind: 'priority', business, elderAge: byCardAt } : { kind: 'businesses' });
    } finally {
      setTaking(false);
    }
  };
  const choose = (business: Business) => {
    setFailure(null);
    if (elderAge !== null && (props.peripherals?.idCardReader ?? false))
      setStep({ kind: 'priority', business, elderAge });
    else void take(business, null);
  };

  if (step.kind === 'card')
    return (
      <IdCardScreen
        bridge={bridge}
        locale={locale}
        peripherals={props.peripherals}
        onRead={() => void take(step.business, step.elderAge)}
        onDone={() => setStep({ ...step, kind: 'priority' })}
      />
    );
  if (step.kind === 'check-in-card')
    return (
      <IdCardScreen
        bridge={bridge}
        locale={locale}
        peripherals={props.peripherals}
        onRead={() => void checkIn(true)}
        onDone={() => setStep({ kind: 'check-in' })}
      />
    );

  return (
    <section class="task-screen queue-screen" aria-labelledby="queue-title" aria-busy={taking}>
      <h1 id="queue-title">
        {step.kind === 'priority' ? step.business.name : step.kind === 'check-in' ? t.checkIn : t.title}
      </h1>
      {taking && (
        <p class="queue-taking" role="status">
          {t.taking}
        </p>
      )}
      {failure && (step.kind !== 'check-in' || failure.retry) && (
        <div class="queue-failure" role="alert">
          <p class="task-error">{failure.text}</p>
          {failure.retry && (
            <div class="screen-buttons">
              <button class="primary" disabled={taking} onClick={failure.retry}>
                {t.retry}
              </button>
            </div>
          )}
        </div>
      )}
      {step.kind === 'businesses' && (
        <LoadedView
          loaded={offer.loaded}
          retry={offer.retry}
          locale={locale}
          failed={(code) => queueErrorText(t, new LinliError(code))}
        >
          {(hall) => (
            <>
              <p class="queue-hall">{hall.hallName}</p>
              {hall.takesBookings && (
                <div class="screen-buttons queue-check-in">
                  <button
                    disabled={taking}
                    onClick={() => {
                      setFailure(null);
                      setStep({ kind: 'check-in' });
                    }}
                  >
                    {t.checkIn}
                  </button>
                </div>
              )}
              <p class="queue-lead">{t.chooseBusiness}</p>
              <ul class="queue-businesses" role="list">
                {hall.businesses.map((business) => (
                  <li key={business.id}>
                    <button
                      class="choice-tile queue-business"
                      data-business={business.id}
                      data-refusal={business.refusal}
                      disabled={business.refusal !== undefined || taking}
                      onClick={() => choose(business)}
                    >
                      <span class="choice-tile-name">{business.name}</span>
                      {business.refusal ? (
                        <span class="queue-refusal">{refusalText(t, business.refusal, hall.hoursToday)}</span>
                      ) : (
                        <span class="choice-tile-hint queue-wait">
                          <span>{t.waiting(business.waiting)}</span>
                          <span>{t.wait(business.estimatedMinutes)}</span>
                        </span>
                      )}
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
        </LoadedView>
      )}
      {step.kind === 'check-in' && (
        <div class="queue-check-in-step">
          <p class="queue-lead">{t.checkInLead}</p>
          <DigitPad
            id="booking-code"
            words={t}
            label={t.codeLabel}
            hint={t.codeHint}
            accepts={BOOKING_CODE}
            number={code}
            onNumber={(typed) => {
              setCode(typed);
              setFailure(null);
            }}
            error={failure && !failure.retry ? failure.text : ''}
            busy={taking}
            submit={t.checkInSubmit}
            onSubmit={() => void checkIn(false)}
            {...((props.peripherals?.idCardReader ?? false) && {
              extra: { label: t.checkInByCard, onClick: () => setStep({ kind: 'check-in-card' }) },
            })}
          />
          {(props.peripherals?.idCardReader ?? false) && <p class="muted">{t.checkInCardNote}</p>}
        </div>
      )}
      {step.kind === 'priority' && (
        <div class="queue-priority-step">
          <h2>{t.priorityTitle}</h2>
          <p class="queue-lead">{t.priorityLead(step.elderAge)}</p>
          <p class="muted">{t.cardNote}</p>
          <div class="screen-buttons queue-priority-choices">
            <button class="primary" disabled={taking} onClick={() => setStep({ ...step, kind: 'card' })}>
              {t.byIdCard}
            </button>
            <button disabled={taking} onClick={() => void take(step.business, null)}>
              {t.withoutCard}
            </button>
          </div>
        </div>
      )}
      {step.kind === 'ticket' && (
        <TicketView
          t={t}
          bridge={bridge}
          locale={locale}
          ticket={step.ticket}
          notElderThan={step.notElderThan}
          receiptPrinter={receiptPrinter}
          onAnother={() => {
            offer.retry();
            toBusinesses();
          }}
          onDone={props.onDone}
        />
      )}
    </section>
  );
}

/** The ticket taken: its number very large, what it is for, how long, its QR code, and the printout. */
function TicketView(props: {
  t: QueueStrings;
  bridge: KioskBridge;
  locale: Locale;
  ticket: ShownQueueTicket;
  /** The card was read for 老年人优先 and shows an age under this: said, so the ordinary queue is no surprise. */
  notElderThan: number | null;
  receiptPrinter: boolean;
  onAnother: () => void;
  onDone: () => void;
}) {
  const { t, ticket } = props;
  const [attempt, setAttempt] = useState(0);
  const [print, setPrint] = useState<{ kind: 'printing' | 'printed' } | { kind: 'failed'; text: string }>({
    kind: 'printing',
  });
  useEffect(() => {
    if (!props.receiptPrinter) return;
    let current = true;
    setPrint({ kind: 'printing' });
    props.bridge.printQueueTicket({ locale: props.locale }).then(
      () => current && setPrint({ kind: 'printed' }),
      (error: unknown) => current && setPrint({ kind: 'failed', text: queuePrintErrorText(t, error) }),
    );
    return () => {
      current = false;
    };
  }, [ticket.label, attempt]);

  const printNote = !props.receiptPrinter
    ? t.noPrinter
    : print.kind === 'failed'
      ? print.text
      : print.kind === 'printing'
        ? t.printing
        : t.printed;
  return (
    <div
      class="queue-ticket"
      data-priority={ticket.priority}
      data-print={props.receiptPrinter ? print.kind : 'no-printer'}
    >
      <p class="queue-hall">{ticket.hallName}</p>
      <p class="queue-number-box">
        <span class="queue-your-number">{t.yourNumber}</span>
        <strong class="queue-number">{ticket.label}</strong>
        {ticket.priority !== 'none' && <span class="queue-priority">{t.priority}</span>}
      </p>
      <dl class="facts queue-facts">
        <div class="fact">
          <dt>{t.business}</dt>
          <dd data-field="business">{ticket.businessName}</dd>
        </div>
        <div class="fact">
          <dt>{t.before}</dt>
          <dd data-field="before">{t.people(ticket.waitingBefore)}</dd>
        </div>
        <div class="fact">
          <dt>{t.estimated}</dt>
          <dd data-field="wait">{t.minutes(ticket.estimatedMinutes)}</dd>
        </div>
      </dl>
      {props.notElderThan !== null && <p class="queue-not-elder">{t.notElder(props.notElderThan)}</p>}
      <div class="queue-follow">
        <QrCode class="queue-qr" qr={ticket.followQr} label={t.scanToFollow} />
        <p>{t.scanToFollow}</p>
      </div>
      <p
        class={print.kind === 'failed' && props.receiptPrinter ? 'print-note print-note-error' : 'print-note'}
        role="status"
      >
        {printNote}
      </p>
      <div class="screen-buttons">
        {props.receiptPrinter && print.kind === 'failed' && (
          <button class="primary" onClick={() => setAttempt((n) => n + 1)}>
            {t.reprint}
          </button>
        )}
        <button class={props.receiptPrinter && print.kind === 'failed' ? '' : 'primary'} onClick={props.onDone}>
          {t.done}
        </button>
        <button onClick={props.onAnother}>{t.another}</button>
      </div>
    </div>
  );
}
