/**
 * Printing a paid bill's receipt and saying what became of it: printing, printed (take it), or why
 * not — with 补打回执 to try again. The payment stands whatever the printer does.
 */
import { useEffect, useState } from 'preact/hooks';
import type { BillReceipt, KioskBridge, Locale } from '@linli/protocol';
import { receiptErrorText, type BillStrings } from './bill-strings';

export function ReceiptPrint(props: {
  bridge: KioskBridge;
  t: BillStrings;
  locale: Locale;
  transactionId: string;
  onPrinted?: (receipt: BillReceipt) => void;
}) {
  const { t } = props;
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<{ kind: 'printing' | 'printed' } | { kind: 'failed'; text: string }>({
    kind: 'printing',
  });
  useEffect(() => {
    let current = true;
    setState({ kind: 'printing' });
    props.bridge.printBillReceipt({ transactionId: props.transactionId, locale: props.locale }).then(
      (receipt) => {
        if (!current) return;
        setState({ kind: 'printed' });
        props.onPrinted?.(receipt);
      },
      (error: unknown) => current && setState({ kind: 'failed', text: receiptErrorText(t, error) }),
    );
    return () => {
      current = false;
    };
  }, [props.transactionId, attempt]);

  const message =
    state.kind === 'failed' ? state.text : state.kind === 'printing' ? t.printingReceipt : t.receiptPrinted;
  return (
    <div class="receipt-print" data-state={state.kind}>
      <p class={state.kind === 'failed' ? 'print-note print-note-error' : 'print-note'} role="status">
        {message}
      </p>
      {state.kind === 'failed' && <button onClick={() => setAttempt((n) => n + 1)}>{t.reprint}</button>}
    </div>
  );
}
