/**
 * The screens of one visit: on the home screen a search field, 热门事项, the self-service and
 * category tiles and the newest notices; results that update as the resident types, a guide page,
 * and 通知公告. A header that stays in view (title, status, language) and a bar fixed at the
 * bottom (返回 · 首页 · 长辈模式 · 结束办理) frame every screen, where seated and short residents
 * reach best; emergency alerts in force show in a band under the header, above everything else. All data comes through the bridge; the visit's preferences (language, elder mode,
 * auto-read) belong to the visit and come in as props.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import {
  LOCALES,
  guideIdFromScanCode,
  type BridgeEvent,
  type GuideCategory,
  type KioskAlert,
  type KioskBridge,
  type Locale,
  type MaskedIdCard,
} from '@linli/protocol';
import { AlertBanner } from './alerts/alert-banner';
import { AlertDetail } from './alerts/alert-detail';
import { BackStepContext, type BackStep } from './back-step';
import { CategoryTiles } from './category-tiles';
import { BillsScreen } from './bills/bills-screen';
import { ScanTargetContext, type ScanTarget } from './scanner/scan-target';
import { BILL_STRINGS } from './bills/bill-strings';
import { CASE_STRINGS } from './cases/case-strings';
import { CasesScreen } from './cases/cases-screen';
import { QUEUE_STRINGS } from './queue/queue-strings';
import { QueueScreen } from './queue/queue-screen';
import { IdCardScreen } from './peripherals/id-card-screen';
import { useLongPress } from './peripherals/long-press';
import { MaintenanceScreen } from './peripherals/maintenance-screen';
import { FormsScreen } from './forms/forms-screen';
import { useScans } from './scanner/use-scans';
import { GuideResults } from './guide-results';
import { GuideScreen } from './guide-screen';
import { Icon } from './icons';
import { ConfirmEnd } from './visit/confirm-end';
import { LOCALE_NAMES, STRINGS } from './i18n';
import { LoadedView } from './loaded-view';
import { NoticeEntry } from './notices/notice-entry';
import { NoticeList } from './notices/notice-list';
import { NoticePage } from './notices/notice-page';
import { PopularGuides } from './popular-guides';
import { START, backward, forward, isSearchable, renderScreen, type Screen, type ScreenRenderers } from './screens';
import { SearchField } from './search-field';
import { ServiceTiles } from './service-tiles';
import { useLoaded, valueOf } from './use-loaded';

const CATALOG_EVENTS: BridgeEvent[] = ['catalog-changed', 'status-changed'];

export interface VisitPreferences {
  locale: Locale;
  elderMode: boolean;
  autoRead: boolean;
}

export function App(props: {
  bridge: KioskBridge;
  subscribe: (listener: (event: BridgeEvent) => void) => () => void;
  preferences: VisitPreferences;
  onPreferences: (change: Partial<VisitPreferences>) => void;
  speechAvailable: boolean;
  /** The emergency alerts in force, most severe first: a band under the header of every screen. */
  alerts: KioskAlert[];
  onEndVisit: () => void;
}) {
  const { bridge, preferences, onPreferences } = props;
  const { locale, elderMode } = preferences;
  const [trail, setTrail] = useState(START);
  const screen = trail.current;
  // Each screen opens at its top; 返回 returns to where the resident had scrolled to on it.
  const scrolledTo = useRef<number[]>([]);
  const returning = useRef(false);
  useLayoutEffect(() => {
    const target = returning.current ? (scrolledTo.current[trail.before.length] ?? 0) : 0;
    returning.current = false;
    return scrollOnceLoaded(target);
  }, [screen]);
  const [confirmingEnd, setConfirmingEnd] = useState(false);
  // The alert whose whole text is open; it closes by itself when the alert is cancelled or expires.
  const [openAlertId, setOpenAlertId] = useState<string | null>(null);
  const openAlert = props.alerts.find((alert) => alert.id === openAlertId);
  // What 结束办理 would throw away: a form being filled, a card read. Elsewhere it ends at once.
  const taskUnderWay =
    screen.kind === 'forms' ||
    screen.kind === 'id-card' ||
    screen.kind === 'bills' ||
    screen.kind === 'cases' ||
    screen.kind === 'queue';
  const [query, setQuery] = useState('');
  const [revision, setRevision] = useState(0);
  const [peripheralsRevision, setPeripheralsRevision] = useState(0);
  // The card read in this visit, masked; the screens are remounted (and this forgotten) at the end.
  const [card, setCard] = useState<MaskedIdCard | null>(null);
  const t = STRINGS[locale];

  // Host events (new content, online/offline) bump the revision, and every screen reloads its data;
  // device events reload the devices only.
  useEffect(
    () =>
      props.subscribe((event) => {
        if (CATALOG_EVENTS.includes(event)) setRevision((value) => value + 1);
        if (event === 'peripherals-changed') setPeripheralsRevision((value) => value + 1);
      }),
    [props.subscribe],
  );
  const categories = useLoaded(() => bridge.listCategories({}), 'categories', [revision]);
  const categoryCounts = categories.loaded.state === 'loaded' ? categories.loaded.value : [];
  // The status line, the notices entry and the device tiles are extras: while they cannot be
  // loaded the screen simply goes without them.
  const status = valueOf(useLoaded(() => bridge.getStatus({}), 'status', [revision]).loaded);
  const notices = valueOf(useLoaded(() => bridge.listNotices({ locale }), locale, [revision]).loaded) ?? [];
  const peripherals = valueOf(useLoaded(() => bridge.getPeripherals({}), 'peripherals', [peripheralsRevision]).loaded);
  const popular = valueOf(useLoaded(() => bridge.popularGuides({ locale }), locale, [revision]).loaded) ?? [];

  const go = useCallback((next: Screen) => {
    setTrail((current) => {
      scrolledTo.current[current.before.length] = window.scrollY;
      return forward(current, next);
    });
  }, []);
  const openGuide = useCallback((id: string) => go({ kind: 'guide', id }), [go]);
  const openCategory = (category: GuideCategory) => {
    setQuery('');
    go({ kind: 'category', category });
  };
  const goHome = () => {
    setQuery('');
    setTrail(START);
  };
  // 返回 on the home screen with a search typed clears the search: the tiles are "before" it.
  const canGoBack = screen.kind !== 'home' || query !== '';
  const backStep = useRef<BackStep>(null);
  const setBackStep = useCallback((step: BackStep) => {
    backStep.current = step;
  }, []);
  const goBack = () => {
    if (backStep.current) return backStep.current();
    if (screen.kind === 'home') return setQuery('');
    returning.current = true;
    setTrail(backward);
  };
  // A screen that expects a code takes it; otherwise a guide QR code opens the guide, and any
  // other code is searched for.
  const scanTarget = useRef<ScanTarget>(null);
  const setScanTarget = useCallback((target: ScanTarget) => {
    scanTarget.current = target;
  }, []);
  const onScan = useCallback((code: string) => {
    if (scanTarget.current) return scanTarget.current(code);
    const id = guideIdFromScanCode(code);
    if (id) {
      setQuery('');
      setTrail(forward(START, { kind: 'guide', id }));
    } else {
      setQuery(code.slice(0, 64));
      setTrail(START);
    }
  }, []);
  useScans(bridge, props.subscribe, peripherals?.wedgeScanner, onScan);
  const maintenancePress = useLongPress(() => {
    if (peripherals?.maintenance) go({ kind: 'maintenance' });
  });
  const hasA4Printer = peripherals?.peripherals.some((peripheral) => peripheral.kind === 'a4-printer') ?? false;
  const hasReceiptPrinter =
    peripherals?.peripherals.some((peripheral) => peripheral.kind === 'receipt-printer') ?? false;
  const readAloud = {
    speechAvailable: props.speechAvailable,
    autoRead: preferences.autoRead,
    onAutoRead: (autoRead: boolean) => onPreferences({ autoRead }),
  };

  const results = (category: GuideCategory | null) => (
    <GuideResults
      bridge={bridge}
      query={query}
      category={category}
      locale={locale}
      revision={revision}
      showSummaries={!elderMode}
      categories={categoryCounts}
      onOpen={openGuide}
      onOpenCategory={openCategory}
    />
  );
  const screens: ScreenRenderers = {
    home: () =>
      query.trim() ? (
        results(null)
      ) : (
        <>
          <PopularGuides guides={popular} locale={locale} onOpen={openGuide} />
          <ServiceTiles
            locale={locale}
            tiles={[
              {
                name: QUEUE_STRINGS[locale].title,
                hint: QUEUE_STRINGS[locale].tileHint,
                icon: 'queue' as const,
                onOpen: () => go({ kind: 'queue' }),
              },
              {
                name: BILL_STRINGS[locale].title,
                hint: BILL_STRINGS[locale].tileHint,
                icon: 'bills' as const,
                onOpen: () => go({ kind: 'bills' }),
              },
              {
                name: CASE_STRINGS[locale].title,
                hint: CASE_STRINGS[locale].tileHint,
                icon: 'cases' as const,
                onOpen: () => go({ kind: 'cases' }),
              },
              ...(peripherals?.idCardReader
                ? [
                    {
                      name: t.readIdCard,
                      hint: t.readIdCardHint,
                      icon: 'card-reader' as const,
                      onOpen: () => go({ kind: 'id-card' }),
                    },
                  ]
                : []),
              ...(hasA4Printer
                ? [
                    {
                      name: t.printForms,
                      hint: t.printFormsHint,
                      icon: 'printer' as const,
                      onOpen: () => go({ kind: 'forms' }),
                    },
                  ]
                : []),
            ]}
          />
          <LoadedView loaded={categories.loaded} retry={categories.retry} locale={locale}>
            {(counts) => <CategoryTiles categories={counts} locale={locale} onOpen={openCategory} />}
          </LoadedView>
          <NoticeEntry
            notices={notices}
            locale={locale}
            onOpen={(id) => go({ kind: 'notice', id })}
            onOpenAll={() => go({ kind: 'notices' })}
          />
        </>
      ),
    category: ({ category }) => results(category),
    guide: ({ id }) => (
      <GuideScreen
        id={id}
        bridge={bridge}
        locale={locale}
        revision={revision}
        elderMode={elderMode}
        receiptPrinter={hasReceiptPrinter}
        {...readAloud}
        {...(hasA4Printer ? { onOpenForm: (formId: string) => go({ kind: 'forms', formId }) } : {})}
      />
    ),
    notices: () => (
      <NoticeList
        notices={notices}
        locale={locale}
        showExcerpts={!elderMode}
        onOpen={(id) => go({ kind: 'notice', id })}
      />
    ),
    notice: ({ id }) => (
      <NoticePage id={id} locale={locale} elderMode={elderMode} bridge={bridge} revision={revision} {...readAloud} />
    ),
    'id-card': () => (
      <IdCardScreen
        bridge={bridge}
        locale={locale}
        peripherals={peripherals}
        onRead={setCard}
        onDone={goHome}
        {...(hasA4Printer ? { onPrintForms: () => go({ kind: 'forms' }) } : {})}
      />
    ),
    forms: ({ formId }) => (
      <FormsScreen
        formId={formId}
        bridge={bridge}
        locale={locale}
        peripherals={peripherals}
        subscribe={props.subscribe}
        revision={revision}
        card={card}
        onCardRead={setCard}
        onDone={goHome}
      />
    ),
    bills: () => <BillsScreen bridge={bridge} locale={locale} peripherals={peripherals} onDone={goHome} />,
    cases: () => (
      <CasesScreen
        bridge={bridge}
        locale={locale}
        receiptPrinter={hasReceiptPrinter}
        card={card}
        subscribe={props.subscribe}
        onDone={goHome}
      />
    ),
    queue: () => (
      <QueueScreen bridge={bridge} locale={locale} peripherals={peripherals} revision={revision} onDone={goHome} />
    ),
    maintenance: () => <MaintenanceScreen bridge={bridge} locale={locale} peripherals={peripherals} />,
  };

  return (
    <div class="kiosk" lang={locale}>
      <div class="frame-top">
        <header class="topbar">
          <span class="app-title" {...maintenancePress}>
            {t.appTitle}
          </span>
          <span
            class={status?.online === false || status?.storageFull ? 'status status-offline' : 'status'}
            role="status"
            data-online={String(status?.online ?? '')}
            data-storage-full={String(status?.storageFull ?? '')}
          >
            {status?.online === false ? t.offline : status?.storageFull ? t.storageFull : ''}
          </span>
          <nav class="languages" aria-label={t.language}>
            {LOCALES.map((code) => (
              <button key={code} aria-pressed={code === locale} onClick={() => onPreferences({ locale: code })}>
                {LOCALE_NAMES[code]}
              </button>
            ))}
          </nav>
        </header>
        <AlertBanner
          alerts={props.alerts}
          locale={locale}
          bridge={bridge}
          elderMode={elderMode}
          speechAvailable={props.speechAvailable}
          autoRead={preferences.autoRead}
          onOpen={setOpenAlertId}
        />
      </div>

      {isSearchable(screen) && <SearchField locale={locale} query={query} onQuery={setQuery} />}

      <main>
        <BackStepContext.Provider value={setBackStep}>
          <ScanTargetContext.Provider value={setScanTarget}>{renderScreen(screens, screen)}</ScanTargetContext.Provider>
        </BackStepContext.Provider>
      </main>

      <nav class="bottom-bar" aria-label={t.visitControls}>
        <button class="bar-button" onClick={goBack} disabled={!canGoBack}>
          <Icon name="back" />
          {t.back}
        </button>
        <button class="bar-button" onClick={goHome}>
          <Icon name="home" />
          {t.home}
        </button>
        <button
          class="bar-button elder-button"
          aria-pressed={elderMode}
          onClick={() => onPreferences({ elderMode: !elderMode })}
        >
          <Icon name="elder" />
          {t.elderMode}
          {elderMode && <span class="switch-state">{t.switchOn}</span>}
        </button>
        <button
          class="bar-button end-button"
          onClick={() => (taskUnderWay ? setConfirmingEnd(true) : props.onEndVisit())}
        >
          <Icon name="end" />
          {t.endVisit}
        </button>
      </nav>
      {openAlert && (
        <AlertDetail
          alert={openAlert}
          locale={locale}
          bridge={bridge}
          elderMode={elderMode}
          onClose={() => setOpenAlertId(null)}
          {...readAloud}
        />
      )}
      {confirmingEnd && (
        <ConfirmEnd locale={locale} onContinue={() => setConfirmingEnd(false)} onEnd={props.onEndVisit} />
      )}
    </div>
  );
}

/**
 * Scrolls to `y` now or, when the screen is still loading its list and too short for it, as soon
 * as it has grown tall enough; returns the way to stop waiting (another screen was opened).
 */
function scrollOnceLoaded(y: number): () => void {
  const reachable = () => document.documentElement.scrollHeight - window.innerHeight >= y;
  window.scrollTo(0, y);
  if (reachable()) return () => undefined;
  const observer = new ResizeObserver(() => {
    if (!reachable()) return;
    window.scrollTo(0, y);
    observer.disconnect();
  });
  observer.observe(document.body);
  return () => observer.disconnect();
}
