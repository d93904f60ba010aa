/**
 * The kiosk's visit lifecycle around the screens: the attract screen between visits, a visit that
 * starts on a touch, the idle countdown, and a wipe when it ends (by 结束办理 or by the clock):
 * the screens remount empty, preferences return to default, browser storage is cleared and the
 * host drops what it held. Settings pushed by the admin server apply as they arrive; a reload it
 * asks for wipes the visit the same way first.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type {
  BridgeEvent,
  GuideSummary,
  KioskAlert,
  KioskBridge,
  KioskSettings,
  Locale,
  NoticeSummary,
} from '@linli/protocol';
import { STRINGS } from './i18n';
import { App, type VisitPreferences } from './app';
import { AttractScreen } from './visit/attract-screen';
import { IdleWarning } from './visit/idle-warning';
import { timingFor, visitMomentAt } from './visit/visit-clock';

const DEFAULT_PREFERENCES: VisitPreferences = { locale: 'zh-Hans', elderMode: false, autoRead: true };
/** How long the attract screen says the visit's information was cleared. */
const FAREWELL_MS = 5000;
const FALLBACK_SETTINGS: KioskSettings = { idleSec: 90, warningSec: 15, speechAvailable: false, attractNotices: true };

type Phase = { kind: 'attract' } | { kind: 'visit' } | { kind: 'warning'; secondsLeft: number };

export function Kiosk(props: {
  bridge: KioskBridge;
  subscribe: (listener: (event: BridgeEvent) => void) => () => void;
}) {
  const { bridge } = props;
  const [settings, setSettings] = useState<KioskSettings>(FALLBACK_SETTINGS);
  const [deviceName, setDeviceName] = useState('');
  const [phase, setPhase] = useState<Phase>({ kind: 'attract' });
  const [visitNumber, setVisitNumber] = useState(0);
  const [preferences, setPreferences] = useState<VisitPreferences>(DEFAULT_PREFERENCES);
  const [notices, setNotices] = useState<NoticeSummary[]>([]);
  const [popular, setPopular] = useState<GuideSummary[]>([]);
  // The emergency alerts in force, over the attract screen and every screen of a visit.
  const [alerts, setAlerts] = useState<KioskAlert[]>([]);
  /** Said on the attract screen for a moment after a visit ends, in that visit's language. */
  const [farewell, setFarewell] = useState<Locale | null>(null);
  const lastInputAt = useRef(Date.now());
  // endVisit also runs from the visit clock's timer, which keeps the render it was set up in.
  const visitLocale = useRef(preferences.locale);
  visitLocale.current = preferences.locale;
  const attract = phase.kind === 'attract';

  const wipe = () => {
    window.sessionStorage.clear();
    window.localStorage.clear();
    return bridge.endVisit({});
  };

  useEffect(() => {
    // A page that starts knows no visit: whatever the host still holds from before (a page that
    // crashed or was reloaded mid-visit) is dropped, and commands waiting for the visit to end run.
    void bridge.endVisit({});
    // While the host cannot answer, the settings it gave last (or the fallback) stay in force.
    const loadSettings = () => void bridge.getKioskSettings({}).then(setSettings, () => undefined);
    loadSettings();
    void bridge.getStatus({}).then(
      (status) => setDeviceName(status.deviceName),
      () => undefined,
    );
    return props.subscribe((event) => {
      if (event === 'settings-changed') loadSettings();
      // The page loads afresh even when the host cannot be told (it is the one restarting).
      if (event === 'reload') void wipe().finally(() => window.location.reload());
    });
  }, []);

  const endVisit = () => {
    void wipe();
    setFarewell(visitLocale.current);
    setPreferences(DEFAULT_PREFERENCES);
    setVisitNumber((n) => n + 1);
    setPhase({ kind: 'attract' });
  };
  const startVisit = () => {
    setFarewell(null);
    lastInputAt.current = Date.now();
    void bridge.beginVisit({});
    setPhase({ kind: 'visit' });
  };

  // The attract screen's notices (unless switched off) and 热门事项: loaded when it appears and
  // again whenever the host says the catalog changed (a notice published, withdrawn or expired).
  useEffect(() => {
    if (!attract) return;
    const load = () => {
      const locale = preferences.locale;
      void bridge.popularGuides({ locale }).then(setPopular, () => undefined);
      if (settings.attractNotices) void bridge.listNotices({ locale }).then(setNotices, () => undefined);
    };
    load();
    return props.subscribe((event) => {
      if (event === 'catalog-changed') load();
    });
  }, [attract, settings.attractNotices]);

  // Alerts follow the host at once (arrival, cancel, expiry), between visits and during them, in
  // the visit's language. While the host cannot answer, the alerts it gave last stay on screen.
  useEffect(() => {
    const load = () => void bridge.listAlerts({ locale: preferences.locale }).then(setAlerts, () => undefined);
    load();
    return props.subscribe((event) => {
      if (event === 'alerts-changed') load();
    });
  }, [preferences.locale]);

  // The visit's language and elder mode, counted by the host (anonymously) for the usage statistics;
  // a host that cannot answer loses a count, nothing the resident sees.
  useEffect(() => {
    if (attract) return;
    const { locale, elderMode } = preferences;
    void bridge.notePreferences({ locale, elderMode }).catch(() => undefined);
  }, [attract, preferences.locale, preferences.elderMode]);

  useEffect(() => {
    if (!farewell) return;
    const timer = window.setTimeout(() => setFarewell(null), FAREWELL_MS);
    return () => window.clearTimeout(timer);
  }, [farewell]);

  // Any touch or key during a visit counts as the resident still being there.
  useEffect(() => {
    const touched = () => {
      if (phase.kind === 'visit') lastInputAt.current = Date.now();
    };
    const events = ['pointerdown', 'keydown', 'input', 'wheel'] as const;
    events.forEach((name) => document.addEventListener(name, touched, { capture: true, passive: true }));
    return () => events.forEach((name) => document.removeEventListener(name, touched, { capture: true }));
  }, [phase.kind]);

  // The visit clock: checks when the next change is due rather than polling.
  useEffect(() => {
    if (attract) return;
    const timing = timingFor(settings, preferences.elderMode);
    let timer: number;
    const check = () => {
      const moment = visitMomentAt(lastInputAt.current, Date.now(), timing);
      if (moment.phase === 'expired') return endVisit();
      setPhase(moment.phase === 'warning' ? { kind: 'warning', secondsLeft: moment.secondsLeft } : { kind: 'visit' });
      timer = window.setTimeout(check, moment.checkInMs);
    };
    check();
    return () => window.clearTimeout(timer);
  }, [attract, settings, preferences.elderMode]);

  return (
    <div class="kiosk-root" data-elder={String(preferences.elderMode)}>
      {attract ? (
        <AttractScreen
          locale={preferences.locale}
          deviceName={deviceName}
          notices={settings.attractNotices ? notices : []}
          alerts={alerts}
          popular={popular}
          message={settings.attractMessage}
          openingHours={settings.openingHours}
          farewell={farewell ? STRINGS[farewell].farewell : undefined}
          onWake={startVisit}
        />
      ) : (
        <App
          key={visitNumber}
          bridge={bridge}
          subscribe={props.subscribe}
          preferences={preferences}
          onPreferences={(change) => setPreferences((current) => ({ ...current, ...change }))}
          speechAvailable={settings.speechAvailable}
          alerts={alerts}
          onEndVisit={endVisit}
        />
      )}
      {phase.kind === 'warning' && (
        <IdleWarning
          locale={preferences.locale}
          secondsLeft={phase.secondsLeft}
          onContinue={startVisit}
          onEnd={endVisit}
        />
      )}
    </div>
  );
}
