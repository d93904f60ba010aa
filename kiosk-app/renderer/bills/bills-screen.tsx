/**
 * 查缴水电气: choose the utility, type the account number on a large digit pad (or read the ID card
 * and pick one of the accounts bound to it), and see the bill: the amount due in large type, the
 * status in words and colour, the due date, the tiered prices and 12 months of usage. Everything is
 * asked of the admin server at that moment; when it or the utility cannot answer, the screen says
 * which, in plain words, and shows nothing old as current. The visit's end remounts it empty.
 */
import { useState } from 'preact/hooks';
import type {
  BillAccount,
  BillReceipt,
  KioskBridge,
  Locale,
  PaymentRequest,
  PeripheralsView,
  Utility,
} from '@linli/protocol';
import { useBackStep } from '../back-step';
import { useScanTarget } from '../scanner/scan-target';
import { accountFromScan } from './bill-scan';
import { IdCardScreen } from '../peripherals/id-card-screen';
import { DigitPad } from '../digit-pad';
import { LoadedView } from '../loaded-view';
import { useLoaded } from '../use-loaded';
import { BILL_STRINGS, billErrorText, billPrintErrorText, receiptErrorText, type BillStrings } from './bill-strings';
import { PaymentView } from './payment-view';
import { UsageChart } from './usage-chart';
import './bills.css';

type Chosen = { utility: Utility; provider: string };
type Step =
  | { kind: 'utility' }
  | { kind: 'account'; chosen: Chosen }
  | { kind: 'card'; chosen: Chosen }
  | { kind: 'bound'; chosen: Chosen; accounts: { accountNumber: string; accountMasked: string }[] }
  | { kind: 'bill'; chosen: Chosen; account: BillAccount; accountNumber: string }
  | { kind: 'pay'; chosen: Chosen; request: PaymentRequest; back: Step }
  | { kind: 'reprint'; printed?: BillReceipt };

/** What may be typed on the pad, and how long it may be, for each thing asked for. */
const ACCOUNT_NUMBER = { max: 20, valid: /^[0-9A-Za-z]{6,20}$/ };
const TRANSACTION_ID = { max: 32, valid: /^[0-9]{6,32}$/ };

export function BillsScreen(props: {
  bridge: KioskBridge;
  locale: Locale;
  peripherals: PeripheralsView | null;
  onDone: () => void;
}) {
  const { bridge } = props;
  const t = BILL_STRINGS[props.locale];
  const utilities = useLoaded(() => bridge.billUtilities({}), 'bill-utilities');
  const [step, setStep] = useState<Step>({ kind: 'utility' });
  const [number, setNumber] = useState('');
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState('');

  const has = (kind: string) => props.peripherals?.peripherals.some((peripheral) => peripheral.kind === kind) ?? false;
  const receiptPrinter = has('receipt-printer');
  const a4Printer = has('a4-printer');
  /** A number typed on the pad: what was said about the last one no longer applies. */
  const typed = (next: string) => {
    setNumber(next);
    setError('');
  };
  const toAccount = (chosen: Chosen) => {
    setError('');
    setStep({ kind: 'account', chosen });
  };
  useBackStep(
    step.kind === 'utility'
      ? null
      : step.kind === 'account' || step.kind === 'reprint'
        ? () => setStep({ kind: 'utility' })
        : step.kind === 'pay'
          ? null
          : () => toAccount(step.chosen),
  );

  // The bill's barcode, scanned while the number is asked for, is the number.
  useScanTarget(
    step.kind === 'account'
      ? (code) => {
          const scanned = accountFromScan(code);
          if (!scanned) return setError(t.scanUnreadable);
          setNumber(scanned);
          void ask(step.chosen, scanned);
        }
      : null,
  );

  const ask = async (chosen: Chosen, accountNumber: string) => {
    setAsking(true);
    setError('');
    try {
      const account = await bridge.queryBill({ utility: chosen.utility, accountNumber });
      setStep({ kind: 'bill', chosen, account, accountNumber });
    } catch (failure) {
      setError(billErrorText(t, failure));
      setStep({ kind: 'account', chosen });
    } finally {
      setAsking(false);
    }
  };
  const reprint = async (transactionId: string) => {
    setAsking(true);
    setError('');
    try {
      setStep({ kind: 'reprint', printed: await bridge.printBillReceipt({ transactionId, locale: props.locale }) });
    } catch (failure) {
      setError(receiptErrorText(t, failure));
    } finally {
      setAsking(false);
    }
  };
  const askBound = async (chosen: Chosen) => {
    setAsking(true);
    try {
      const { accounts } = await bridge.boundBillAccounts({ utility: chosen.utility });
      if (accounts.length === 1) return await ask(chosen, accounts[0]!.accountNumber);
      setStep({ kind: 'bound', chosen, accounts });
    } catch (failure) {
      setError(billErrorText(t, failure));
      setStep({ kind: 'account', chosen });
    } finally {
      setAsking(false);
    }
  };

  if (step.kind === 'card')
    return (
      <IdCardScreen
        bridge={bridge}
        locale={props.locale}
        peripherals={props.peripherals}
        onRead={() => void askBound(step.chosen)}
        onDone={() => toAccount(step.chosen)}
      />
    );

  return (
    <section class="task-screen bills-screen" aria-labelledby="bills-title" aria-busy={asking}>
      <h1 id="bills-title">
        {step.kind === 'utility'
          ? t.title
          : step.kind === 'reprint'
            ? t.reprintTitle
            : t.utilities[step.chosen.utility]}
      </h1>
      {asking && (
        <p class="bill-asking" role="status">
          {'chosen' in step ? t.asking(step.chosen.provider) : t.printingReceipt}
        </p>
      )}
      {step.kind === 'utility' && (
        <LoadedView loaded={utilities.loaded} retry={utilities.retry} locale={props.locale}>
          {({ utilities: offered }) => (
            <>
              <p class="bill-lead">{t.chooseUtility}</p>
              <ul class="bill-utilities" role="list">
                {offered.map(({ utility, provider }) => (
                  <li key={utility}>
                    <button
                      class="choice-tile bill-utility"
                      data-utility={utility}
                      onClick={() => toAccount({ utility, provider: provider.name })}
                    >
                      <span class="choice-tile-name">{t.utilities[utility]}</span>
                      <span class="choice-tile-hint">{t.providedBy(provider.name)}</span>
                    </button>
                  </li>
                ))}
              </ul>
              {receiptPrinter && (
                <div class="screen-buttons">
                  <button
                    onClick={() => {
                      setNumber('');
                      setStep({ kind: 'reprint' });
                    }}
                  >
                    {t.reprintTitle}
                  </button>
                </div>
              )}
            </>
          )}
        </LoadedView>
      )}
      {step.kind === 'reprint' &&
        (step.printed ? (
          <ReprintView
            t={t}
            printed={step.printed}
            onAnother={() => {
              setNumber('');
              setStep({ kind: 'reprint' });
            }}
            onDone={props.onDone}
          />
        ) : (
          <DigitPad
            id="account"
            words={t}
            label={t.enterTransaction}
            hint={t.transactionHint}
            accepts={TRANSACTION_ID}
            number={number}
            onNumber={typed}
            error={error}
            busy={asking}
            submit={t.printReceipt}
            onSubmit={() => void reprint(number)}
          />
        ))}
      {step.kind === 'account' && (
        <DigitPad
          id="account"
          words={t}
          label={t.enterAccount(t.utilities[step.chosen.utility])}
          hint={t.accountHint}
          accepts={ACCOUNT_NUMBER}
          number={number}
          onNumber={typed}
          error={error}
          busy={asking}
          submit={t.query}
          onSubmit={() => void ask(step.chosen, number)}
          {...(props.peripherals?.idCardReader
            ? { extra: { label: t.byIdCard, onClick: () => setStep({ kind: 'card', chosen: step.chosen }) } }
            : {})}
        />
      )}
      {step.kind === 'bound' && (
        <>
          <p class="bill-lead">{step.accounts.length > 0 ? t.boundAccounts : t.noBoundAccounts}</p>
          <div class="screen-buttons bill-bound">
            {step.accounts.map((account) => (
              <button
                key={account.accountNumber}
                disabled={asking}
                onClick={() => void ask(step.chosen, account.accountNumber)}
              >
                {account.accountMasked}
              </button>
            ))}
            <button onClick={() => toAccount(step.chosen)}>{t.anotherAccount}</button>
          </div>
        </>
      )}
      {step.kind === 'pay' && (
        <PaymentView
          bridge={bridge}
          t={t}
          locale={props.locale}
          request={step.request}
          receiptPrinter={receiptPrinter}
          onDone={props.onDone}
          onBack={() => setStep(step.back)}
        />
      )}
      {step.kind === 'bill' && (
        <BillView
          t={t}
          locale={props.locale}
          account={step.account}
          {...(a4Printer && {
            onPrint: () =>
              bridge.printBill({
                utility: step.chosen.utility,
                accountNumber: step.accountNumber,
                locale: props.locale,
              }),
          })}
          onPay={() =>
            setStep({
              kind: 'pay',
              chosen: step.chosen,
              back: step,
              request: {
                utility: step.chosen.utility,
                accountNumber: step.accountNumber,
                amountFen: step.account.amountDueFen,
              },
            })
          }
          onAnother={() => {
            setNumber('');
            toAccount(step.chosen);
          }}
          onDone={props.onDone}
        />
      )}
    </section>
  );
}

function BillView(props: {
  t: BillStrings;
  locale: Locale;
  account: BillAccount;
  /** Present when an A4 printer is attached. */
  onPrint?: () => Promise<unknown>;
  onPay: () => void;
  onAnother: () => void;
  onDone: () => void;
}) {
  const { t, account } = props;
  const [printing, setPrinting] = useState<{ text: string; failed?: boolean } | null>(null);
  const print = () => {
    setPrinting({ text: t.printingBill });
    props.onPrint!().then(
      () => setPrinting({ text: t.billPrinted }),
      (failure: unknown) => setPrinting({ text: billPrintErrorText(t, failure), failed: true }),
    );
  };
  const bill = account.currentBill;
  const payable = account.amountDueFen > 0 && account.status !== 'closed';
  const unit = t.units[bill?.unit ?? (account.utility === 'electricity' ? 'kWh' : 'm3')];
  const time = new Intl.DateTimeFormat(props.locale === 'en' ? 'en-GB' : props.locale, {
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(account.fetchedAt));
  return (
    <div class="bill-view" data-status={account.status}>
      <div class="bill-due">
        <span class="bill-due-label">{account.amountDueFen > 0 ? t.amountDue : t.nothingDue}</span>
        {account.amountDueFen > 0 && <strong class="bill-amount">{t.yuan(account.amountDueFen)}</strong>}
        {account.amountDueFen < 0 && <span class="bill-credit">{t.credit(t.yuan(-account.amountDueFen))}</span>}
        <span class="bill-status" data-status={account.status}>
          {t.statuses[account.status]}
        </span>
      </div>
      <dl class="facts bill-facts">
        <div class="fact">
          <dt>{t.account}</dt>
          <dd>{account.accountMasked}</dd>
        </div>
        <div class="fact">
          <dt>{t.holder}</dt>
          <dd>{account.holderMasked}</dd>
        </div>
        <div class="fact">
          <dt>{t.address}</dt>
          <dd>{account.addressMasked}</dd>
        </div>
        {bill && (
          <>
            <div class="fact">
              <dt>{t.period}</dt>
              <dd>{bill.period}</dd>
            </div>
            <div class="fact">
              <dt>{t.usage}</dt>
              <dd>
                {bill.usage} {unit}，{t.yuan(bill.amountFen)}
              </dd>
            </div>
            <div class="fact">
              <dt>{t.dueDate}</dt>
              <dd>{bill.dueDate}</dd>
            </div>
          </>
        )}
      </dl>
      {bill && bill.tiers.length > 0 && (
        <section class="bill-tiers" aria-labelledby="bill-tiers-title">
          <h2 id="bill-tiers-title">{t.tiers}</h2>
          <ul role="list">
            {bill.tiers.map((tier) => (
              <li key={tier.tier} data-used={String(tier.usage > 0)}>
                {t.tierLine(
                  tier.tier,
                  tier.to === undefined ? t.above(`${tier.from} ${unit}`) : t.upTo(`${tier.to} ${unit}`),
                  t.pricePer(tier.unitPrice, unit),
                )}
                {tier.usage > 0 && (
                  <span class="tier-used">{t.tierUsed(`${tier.usage} ${unit}`, t.yuan(tier.amountFen))}</span>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      {account.history.length > 0 && (
        <UsageChart t={t} history={account.history} unit={unit} {...(bill ? { currentPeriod: bill.period } : {})} />
      )}
      <p class="muted bill-fetched">{t.fetchedAt(time)}</p>
      {printing && (
        <p class={printing.failed ? 'print-note print-note-error' : 'print-note'} role="status">
          {printing.text}
        </p>
      )}
      <div class="screen-buttons">
        {payable ? (
          <button class="primary" onClick={props.onPay}>
            {t.pay} {t.yuan(account.amountDueFen)}
          </button>
        ) : (
          <button class="primary" onClick={props.onDone}>
            {t.done}
          </button>
        )}
        {props.onPrint && (
          <button disabled={printing?.text === t.printingBill} onClick={print}>
            {t.printBill}
          </button>
        )}
        <button onClick={props.onAnother}>{t.anotherAccount}</button>
      </div>
    </div>
  );
}

/** 补打缴费回执, printed: what it was for, and where to take it. */
function ReprintView(props: { t: BillStrings; printed: BillReceipt; onAnother: () => void; onDone: () => void }) {
  const { t, printed } = props;
  return (
    <div class="reprint-view">
      <p class="print-note" role="status">
        {t.receiptPrinted}
      </p>
      <dl class="facts">
        <div class="fact">
          <dt>{t.transaction}</dt>
          <dd data-field="transaction">{printed.transactionId}</dd>
        </div>
        <div class="fact">
          <dt>{t.account}</dt>
          <dd>
            {t.utilities[printed.utility]} {printed.accountMasked}
          </dd>
        </div>
        <div class="fact">
          <dt>{t.paid}</dt>
          <dd>{t.yuan(printed.amountFen)}</dd>
        </div>
      </dl>
      <div class="screen-buttons">
        <button class="primary" onClick={props.onDone}>
          {t.done}
        </button>
        <button onClick={props.onAnother}>{t.reprintAnother}</button>
      </div>
    </div>
  );
}
