/**
 * The technician's screen, opened with the PIN from the kiosk's devices file: every device's
 * health as the host sees it, and a test print per printer. Closed again when the visit ends.
 */
import { useState } from 'preact/hooks';
import { LinliError, type KioskBridge, type Locale, type PeripheralsView } from '@linli/protocol';
import { STRINGS } from '../i18n';
import { deviceKindText, deviceStateText } from './peripheral-texts';
import { PinPad } from './pin-pad';

export function MaintenanceScreen(props: { bridge: KioskBridge; locale: Locale; peripherals: PeripheralsView | null }) {
  const { bridge } = props;
  const t = STRINGS[props.locale];
  const [unlocked, setUnlocked] = useState(false);
  const [pinError, setPinError] = useState('');
  const [printResults, setPrintResults] = useState<Record<string, string>>({});

  const unlock = async (pin: string) => {
    try {
      await bridge.unlockMaintenance({ pin });
      setUnlocked(true);
    } catch (error) {
      setPinError(error instanceof LinliError && error.code === 'TOO_MANY_ATTEMPTS' ? t.pinLocked : t.pinWrong);
    }
  };
  const testPrint = async (id: string) => {
    const result = await bridge.testPrint({ peripheralId: id }).then(
      () => t.testPrintSent,
      (error: unknown) => `${t.printFailed}: ${error instanceof Error ? error.message : String(error)}`,
    );
    setPrintResults((current) => ({ ...current, [id]: result }));
  };

  if (!unlocked) {
    return (
      <section class="task-screen" aria-labelledby="maintenance-title">
        <h1 id="maintenance-title">{t.maintenance}</h1>
        <PinPad locale={props.locale} label={t.enterPin} error={pinError} onSubmit={(pin) => void unlock(pin)} />
      </section>
    );
  }
  const peripherals = props.peripherals?.peripherals ?? [];
  return (
    <section class="task-screen" aria-labelledby="maintenance-title">
      <h1 id="maintenance-title">{t.maintenance}</h1>
      {peripherals.length === 0 && <p>{t.noDevices}</p>}
      <ul class="peripheral-list" role="list">
        {peripherals.map((peripheral) => (
          <li key={peripheral.id} class="peripheral-row" data-state={peripheral.state}>
            <div class="peripheral-name">
              {deviceKindText(t, peripheral.kind)}{' '}
              <span class="muted">
                {peripheral.id} · {peripheral.driver}
              </span>
            </div>
            <div class="peripheral-state">
              <span class={`state-badge state-${peripheral.state}`}>{deviceStateText(t, peripheral.state)}</span>
              <span class="muted">
                {t.stateSince(
                  new Date(peripheral.since).toLocaleString(props.locale === 'en' ? 'en-GB' : props.locale, {
                    hour12: false,
                  }),
                )}
              </span>
            </div>
            {peripheral.detail && <div class="peripheral-detail">{peripheral.detail}</div>}
            {(peripheral.kind === 'receipt-printer' || peripheral.kind === 'a4-printer') && (
              <div class="peripheral-actions">
                <button onClick={() => void testPrint(peripheral.id)}>{t.testPrint}</button>
                {printResults[peripheral.id] && <span role="status">{printResults[peripheral.id]}</span>}
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
