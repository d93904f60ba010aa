/**
 * The screens of one visit: category tiles and a search field on the home screen, results that
 * update as the resident types, a guide page, and 通知公告 (the notices list and a notice page).
 * All data comes through the bridge; the visit's preferences (language, elder mode, auto-read)
 * belong to the visit and come in as props.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import {
  LOCALES,
  guideIdFromScanCode,
  type BridgeEvent,
  type GuideCategory,
  type KioskBridge,
  type Locale,
  type MaskedIdCard,
} from '@linli/protocol';
import { CategoryTiles } from './category-tiles';
import { IdCardScreen } from './peripherals/id-card-screen';
import { useLongPress } from './peripherals/long-press';
import { MaintenanceScreen } from './peripherals/maintenance-screen';
import { FormsScreen } from './forms/forms-screen';
import { useScans } from './scanner/use-scans';
import { GuideResults } from './guide-results';
import { GuideScreen } from './guide-screen';
import { ConfirmEnd } from './visit/confirm-end';
import { LOCALE_NAMES, STRINGS } from './i18n';
import { LoadedView } from './loaded-view';
import { NoticeEntry } from './notices/notice-entry';
import { NoticeList } from './notices/notice-list';
import { NoticePage } from './notices/notice-page';
import { isSearchable, renderScreen, type Screen, type ScreenRenderers } from './screens';
import { SearchField } from './search-field';
import { ServiceTiles } from './service-tiles';
import { useLoaded, type Loaded } from './use-loaded';

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
  onEndVisit: () => void;
}) {
  const { bridge, preferences, onPreferences } = props;
  const { locale, elderMode } = preferences;
  const [screen, setScreen] = useState<Screen>({ kind: 'home' });
  const [confirmingEnd, setConfirmingEnd] = useState(false);
  // What 结束办理 would throw away: a form being filled, a card read. Elsewhere it ends at once.
  const taskUnderWay = screen.kind === 'forms' || screen.kind === 'id-card';
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

  const openGuide = useCallback((id: string) => setScreen((from) => ({ kind: 'guide', id, from })), []);
  const openCategory = (category: GuideCategory) => {
    setQuery('');
    setScreen({ kind: 'category', category });
  };
  const goHome = () => {
    setQuery('');
    setScreen({ kind: 'home' });
  };
  // A scanned guide QR code opens the guide; any other code is searched for.
  const onScan = useCallback((code: string) => {
    const id = guideIdFromScanCode(code);
    if (id) {
      setQuery('');
      setScreen({ kind: 'guide', id, from: { kind: 'home' } });
    } else {
      setQuery(code.slice(0, 64));
      setScreen({ kind: 'home' });
    }
  }, []);
  useScans(bridge, props.subscribe, peripherals?.wedgeScanner, onScan);
  const maintenancePress = useLongPress(() => {
    if (peripherals?.maintenance) setScreen({ kind: 'maintenance' });
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
          <NoticeEntry notices={notices} locale={locale} onOpen={() => setScreen({ kind: 'notices' })} />
          <ServiceTiles
            locale={locale}
            tiles={[
              ...(peripherals?.idCardReader
                ? [{ name: t.readIdCard, hint: t.readIdCardHint, onOpen: () => setScreen({ kind: 'id-card' }) }]
                : []),
              ...(hasA4Printer
                ? [{ name: t.printForms, hint: t.printFormsHint, onOpen: () => setScreen({ kind: 'forms' }) }]
                : []),
            ]}
          />
          <LoadedView loaded={categories.loaded} retry={categories.retry} locale={locale}>
            {(counts) => <CategoryTiles categories={counts} locale={locale} onOpen={openCategory} />}
          </LoadedView>
        </>
      ),
    category: ({ category }) => results(category),
    guide: ({ id, from }) => (
      <>
        <button class="back-button" onClick={() => setScreen(from)}>
          {t.back}
        </button>
        <GuideScreen
          id={id}
          bridge={bridge}
          locale={locale}
          revision={revision}
          elderMode={elderMode}
          receiptPrinter={hasReceiptPrinter}
          {...readAloud}
        />
      </>
    ),
    notices: () => (
      <NoticeList
        notices={notices}
        locale={locale}
        showExcerpts={!elderMode}
        onOpen={(id) => setScreen({ kind: 'notice', id })}
      />
    ),
    notice: ({ id }) => (
      <>
        <button class="back-button" onClick={() => setScreen({ kind: 'notices' })}>
          {t.back}
        </button>
        <NoticePage id={id} locale={locale} elderMode={elderMode} bridge={bridge} revision={revision} {...readAloud} />
      </>
    ),
    'id-card': () => (
      <IdCardScreen
        bridge={bridge}
        locale={locale}
        peripherals={peripherals}
        onRead={setCard}
        onDone={goHome}
        {...(hasA4Printer ? { onPrintForms: () => setScreen({ kind: 'forms' }) } : {})}
      />
    ),
    forms: () => (
      <FormsScreen
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
    maintenance: () => <MaintenanceScreen bridge={bridge} locale={locale} peripherals={peripherals} />,
  };

  return (
    <div class="kiosk" lang={locale}>
      <header class="topbar">
        <button class="home-button" onClick={goHome}>
          {t.home}
        </button>
        <span class="app-title" {...maintenancePress}>
          {t.appTitle}
        </span>
        <span
          class={status?.online === false ? 'status status-offline' : 'status'}
          role="status"
          data-online={String(status?.online ?? '')}
        >
          {status?.online === false ? t.offline : ''}
        </span>
        <nav class="languages" aria-label={t.language}>
          {LOCALES.map((code) => (
            <button key={code} aria-pressed={code === locale} onClick={() => onPreferences({ locale: code })}>
              {LOCALE_NAMES[code]}
            </button>
          ))}
        </nav>
        <button class="elder-button" aria-pressed={elderMode} onClick={() => onPreferences({ elderMode: !elderMode })}>
          {t.elderMode}
        </button>
        <button class="end-button" onClick={() => (taskUnderWay ? setConfirmingEnd(true) : props.onEndVisit())}>
          {t.endVisit}
        </button>
      </header>

      {isSearchable(screen) && <SearchField locale={locale} query={query} onQuery={setQuery} />}

      <main>{renderScreen(screens, screen)}</main>
      {confirmingEnd && (
        <ConfirmEnd locale={locale} onContinue={() => setConfirmingEnd(false)} onEnd={props.onEndVisit} />
      )}
    </div>
  );
}

function valueOf<T>(loaded: Loaded<T>): T | null {
  return loaded.state === 'loaded' ? loaded.value : null;
}
