/**
 * The technician's screen, opened with the PIN from the kiosk's device file: every device's
 * health as the host sees it, and a test print per printer. Closed again when the visit ends.
 */
import { useState } from 'preact/hooks';
import { LinliError, type KioskBridge, type Locale, type PeripheralsView } from '@linli/protocol';
import { STRINGS } from '../i18n';
import { deviceKindText, deviceStateText } from './device-texts';
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
      <section class="device-screen" aria-labelledby="maintenance-title">
        <h1 id="maintenance-title">{t.maintenance}</h1>
        <PinPad locale={props.locale} label={t.enterPin} error={pinError} onSubmit={(pin) => void unlock(pin)} />
      </section>
    );
  }
  const devices = props.peripherals?.devices ?? [];
  return (
    <section class="device-screen" aria-labelledby="maintenance-title">
      <h1 id="maintenance-title">{t.maintenance}</h1>
      {devices.length === 0 && <p>{t.noDevices}</p>}
      <ul class="device-list" role="list">
        {devices.map((device) => (
          <li key={device.id} class="device-row" data-state={device.state}>
            <div class="device-name">
              {deviceKindText(t, device.kind)}{' '}
              <span class="muted">
                {device.id} · {device.driver}
              </span>
            </div>
            <div class="device-state">
              <span class={`state-badge state-${device.state}`}>{deviceStateText(t, device.state)}</span>
              <span class="muted">
                {t.stateSince(
                  new Date(device.since).toLocaleString(props.locale === 'en' ? 'en-GB' : props.locale, {
                    hour12: false,
                  }),
                )}
              </span>
            </div>
            {device.detail && <div class="device-detail">{device.detail}</div>}
            {(device.kind === 'receipt-printer' || device.kind === 'a4-printer') && (
              <div class="device-actions">
                <button onClick={() => void testPrint(device.id)}>{t.testPrint}</button>
                {printResults[device.id] && <span role="status">{printResults[device.id]}</span>}
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
