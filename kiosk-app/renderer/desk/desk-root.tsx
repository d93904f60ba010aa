/**
 * The clerk desk (the app's desk profile on a community PC): no attract screen. The clerk signs in,
 * chooses a PIN, and serves residents one after another with the kiosk's own screens (guides,
 * forms, bills — 结束办理 wipes a resident's data and starts afresh, the clerk stays signed in) or
 * writes the 咨询台账; today's counts stay in view. Away from the keyboard for LOCK_AFTER_MS, the
 * desk wipes the resident's data and locks until the PIN.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { BridgeEvent, DeskStatus, DeskToday, KioskAlert, KioskBridge } from '@linli/protocol';
import { App, type VisitPreferences } from '../app';
import { DeskLockScreen, DeskPinScreen, DeskSignInScreen } from './desk-access';
import { DESK_STRINGS, deskErrorOf } from './desk-strings';
import { LedgerScreen } from './ledger-screen';
import './desk.css';

/** A clerk away this long has stepped away: the desk locks (a kiosk's visit ends much sooner). */
export const LOCK_AFTER_MS = 5 * 60_000;
const DEFAULT_PREFERENCES: VisitPreferences = { locale: 'zh-Hans', elderMode: false, autoRead: false };

export function Desk(props: {
  bridge: KioskBridge;
  subscribe: (listener: (event: BridgeEvent) => void) => () => void;
  initial: DeskStatus;
}) {
  const { bridge } = props;
  const [status, setStatus] = useState(props.initial);
  const [said, setSaid] = useState<string | undefined>();
  const [preferences, setPreferences] = useState(DEFAULT_PREFERENCES);
  const [tab, setTab] = useState<'services' | 'ledger'>('services');
  const [resident, setResident] = useState(0);
  const [today, setToday] = useState<DeskToday | null>(null);
  const [speechAvailable, setSpeechAvailable] = useState(false);
  const [alerts, setAlerts] = useState<KioskAlert[]>([]);
  const lastInputAt = useRef(Date.now());
  const t = DESK_STRINGS[preferences.locale];
  const serving = Boolean(status.clerk && status.pinSet && !status.locked);

  const onStatus = (next: DeskStatus, message?: string) => {
    setSaid(message);
    setStatus(next);
  };
  /** The resident is done: what the screens and the host held of them goes. */
  const nextResident = () => {
    void bridge.endVisit({});
    setResident((n) => n + 1);
  };
  const loadToday = () =>
    void bridge.deskToday({}).then(setToday, async (error: unknown) => {
      const { text } = deskErrorOf(t, error);
      if (text === t.errors.signedOut) onStatus(await bridge.deskStatus({}), text);
    });

  useEffect(() => {
    void bridge.endVisit({});
    void bridge.getKioskSettings({}).then(
      (settings) => setSpeechAvailable(settings.speechAvailable),
      () => undefined,
    );
  }, []);
  useEffect(() => {
    if (!serving) return;
    void bridge.beginVisit({});
    loadToday();
  }, [serving, tab]);
  useEffect(() => {
    const load = () => void bridge.listAlerts({ locale: preferences.locale }).then(setAlerts, () => undefined);
    load();
    return props.subscribe((event) => {
      if (event === 'alerts-changed') load();
      if (event === 'desk-changed') loadToday();
    });
  }, [preferences.locale]);

  // Away from keyboard and mouse: the resident's data goes and the desk locks.
  useEffect(() => {
    if (!serving) return;
    lastInputAt.current = Date.now();
    const touched = () => (lastInputAt.current = Date.now());
    const events = ['pointerdown', 'keydown', 'input', 'wheel'] as const;
    events.forEach((name) => document.addEventListener(name, touched, { capture: true, passive: true }));
    let timer: number;
    const check = () => {
      const left = lastInputAt.current + LOCK_AFTER_MS - Date.now();
      if (left > 0) return void (timer = window.setTimeout(check, left));
      nextResident();
      void bridge.deskLock({}).then((next) => onStatus(next));
    };
    timer = window.setTimeout(check, LOCK_AFTER_MS);
    return () => {
      window.clearTimeout(timer);
      events.forEach((name) => document.removeEventListener(name, touched, { capture: true }));
    };
  }, [serving]);

  if (!status.clerk) return <DeskSignInScreen bridge={bridge} t={t} said={said} onStatus={onStatus} />;
  if (!status.pinSet) return <DeskPinScreen bridge={bridge} t={t} onStatus={onStatus} />;
  if (status.locked) return <DeskLockScreen bridge={bridge} t={t} clerk={status.clerk} onStatus={onStatus} />;

  const clerk = status.clerk;
  return (
    <div class="desk" data-elder={String(preferences.elderMode)}>
      <header class="desk-bar">
        <strong class="desk-title">{t.deskTitle}</strong>
        <span class="desk-clerk">{t.serving(clerk.displayName, clerk.orgName)}</span>
        {today && (
          <span class="desk-counts" aria-live="polite">
            <span data-count="mine">
              {t.todayMine(today.mine.consultations, today.mine.answered, today.mine.forwarded, today.mine.prints)}
            </span>
            <span data-count="here">{t.todayHere(today.here.consultations, today.here.prints)}</span>
          </span>
        )}
        <nav class="desk-tabs" aria-label={t.deskTitle}>
          {(['services', 'ledger'] as const).map((name) => (
            <button key={name} aria-current={tab === name ? 'page' : undefined} onClick={() => setTab(name)}>
              {name === 'services' ? t.tabServices : t.tabLedger}
            </button>
          ))}
        </nav>
        <span class="desk-actions">
          <button
            onClick={() => {
              nextResident();
              void bridge.deskLock({}).then((next) => onStatus(next));
            }}
          >
            {t.lock}
          </button>
          <button
            onClick={() => {
              nextResident();
              void bridge.deskSignOut({}).then((next) => onStatus(next));
            }}
          >
            {t.signOut}
          </button>
        </span>
      </header>
      {tab === 'services' ? (
        <App
          key={resident}
          bridge={bridge}
          subscribe={props.subscribe}
          preferences={preferences}
          onPreferences={(change) => setPreferences((current) => ({ ...current, ...change }))}
          speechAvailable={speechAvailable}
          alerts={alerts}
          onEndVisit={nextResident}
        />
      ) : (
        <LedgerScreen
          bridge={bridge}
          t={t}
          today={today}
          onRecorded={loadToday}
          onSignedOut={async (message) => onStatus(await bridge.deskStatus({}), message)}
        />
      )}
    </div>
  );
}
