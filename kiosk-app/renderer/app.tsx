/**
 * The screens of one visit: category tiles and a search field on the home screen, results that
 * update as the resident types, a guide page, and 通知公告 (the notices list and a notice page).
 * All data comes through the bridge; the visit's preferences (language, elder mode, auto-read)
 * belong to the visit and come in as props.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import {
  GUIDE_CATEGORY_NAMES,
  LOCALES,
  guideIdFromScanCode,
  type BridgeEvent,
  type CategoryCount,
  type Guide,
  type GuideCategory,
  type GuideSummary,
  type KioskBridge,
  type KioskStatus,
  type Locale,
  type MaskedIdCard,
  type NoticeSummary,
  type PeripheralsView,
} from '@linli/protocol';
import { CategoryTiles } from './category-tiles';
import { IdCardScreen } from './devices/id-card-screen';
import { useLongPress } from './devices/long-press';
import { MaintenanceScreen } from './devices/maintenance-screen';
import { FormsScreen } from './forms/forms-screen';
import { useScans } from './scanner/use-scans';
import { GuideList } from './guide-list';
import { GuidePage } from './guide-page';
import { LOCALE_NAMES, STRINGS } from './i18n';
import { NoticeEntry } from './notices/notice-entry';
import { NoticeList } from './notices/notice-list';
import { NoticePage } from './notices/notice-page';
import { SearchField } from './search-field';
import { ServiceTiles } from './service-tiles';

type View =
  | { kind: 'home' }
  | { kind: 'category'; category: GuideCategory }
  | { kind: 'guide'; id: string; from: View }
  | { kind: 'notices' }
  | { kind: 'notice'; id: string }
  | { kind: 'id-card' }
  | { kind: 'forms' }
  | { kind: 'maintenance' };

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
  const [view, setView] = useState<View>({ kind: 'home' });
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<KioskStatus | null>(null);
  const [categories, setCategories] = useState<CategoryCount[]>([]);
  const [list, setList] = useState<GuideSummary[] | null>(null);
  const [guide, setGuide] = useState<Guide | null>(null);
  const [notices, setNotices] = useState<NoticeSummary[]>([]);
  const [revision, setRevision] = useState(0);
  const [peripherals, setPeripherals] = useState<PeripheralsView | null>(null);
  // The card read in this visit, masked; the screens are remounted (and this forgotten) at the end.
  const [card, setCard] = useState<MaskedIdCard | null>(null);
  const t = STRINGS[locale];

  // Host events (new content, online/offline) bump the revision, and every view reloads its data;
  // device events refresh the device view only.
  useEffect(
    () =>
      props.subscribe((event) => {
        if (CATALOG_EVENTS.includes(event)) setRevision((value) => value + 1);
        if (event === 'peripherals-changed') void bridge.getPeripherals({}).then(setPeripherals);
      }),
    [props.subscribe],
  );
  useEffect(() => {
    void bridge.getStatus({}).then(setStatus);
    void bridge.listCategories({}).then(setCategories);
  }, [revision]);
  useEffect(() => void bridge.listNotices({ locale }).then(setNotices), [revision, locale]);
  useEffect(() => void bridge.getPeripherals({}).then(setPeripherals), []);

  useEffect(() => {
    let current = true;
    const load = async () => {
      if (view.kind === 'guide') {
        const loaded = await bridge.getGuide({ id: view.id, locale }).catch(() => null);
        if (current) setGuide(loaded);
      } else if (query.trim()) {
        const hits = await bridge.searchGuides({ query, locale, ...(view.kind === 'category' ? { category: view.category } : {}) });
        if (current) setList(hits);
      } else if (view.kind === 'category') {
        const guides = await bridge.listGuides({ category: view.category, locale });
        if (current) setList(guides);
      } else if (current) setList(null);
    };
    void load();
    return () => {
      current = false;
    };
  }, [view, query, locale, revision]);

  const openGuide = useCallback((id: string) => setView((from) => ({ kind: 'guide', id, from })), []);
  const openCategory = (category: GuideCategory) => {
    setQuery('');
    setView({ kind: 'category', category });
  };
  const goHome = () => {
    setQuery('');
    setView({ kind: 'home' });
  };
  // A scanned guide QR code opens the guide; any other code is searched for.
  const onScan = useCallback((code: string) => {
    const id = guideIdFromScanCode(code);
    if (id) {
      setQuery('');
      setView({ kind: 'guide', id, from: { kind: 'home' } });
    } else {
      setQuery(code.slice(0, 64));
      setView({ kind: 'home' });
    }
  }, []);
  useScans(bridge, props.subscribe, peripherals?.wedgeScanner, onScan);
  const maintenancePress = useLongPress(() => {
    if (peripherals?.maintenance) setView({ kind: 'maintenance' });
  });
  const searchable = view.kind === 'home' || view.kind === 'category';
  const hasA4Printer = peripherals?.devices.some((device) => device.kind === 'a4-printer') ?? false;

  return (
    <div class="kiosk" lang={locale}>
      <header class="topbar">
        <button class="home-button" onClick={goHome}>{t.home}</button>
        <span class="app-title" {...maintenancePress}>{t.appTitle}</span>
        <span class={status?.online === false ? 'status status-offline' : 'status'} role="status" data-online={String(status?.online ?? '')}>
          {status?.online === false ? t.offline : ''}
        </span>
        <nav class="languages" aria-label={t.language}>
          {LOCALES.map((code) => (
            <button key={code} aria-pressed={code === locale} onClick={() => onPreferences({ locale: code })}>{LOCALE_NAMES[code]}</button>
          ))}
        </nav>
        <button class="elder-button" aria-pressed={elderMode} onClick={() => onPreferences({ elderMode: !elderMode })}>{t.elderMode}</button>
        <button class="end-button" onClick={props.onEndVisit}>{t.endVisit}</button>
      </header>

      {searchable && <SearchField locale={locale} query={query} onQuery={setQuery} />}

      <main>
        {view.kind === 'id-card' ? (
          <IdCardScreen bridge={bridge} locale={locale} peripherals={peripherals} onRead={setCard} onDone={goHome} />
        ) : view.kind === 'forms' ? (
          <FormsScreen bridge={bridge} locale={locale} peripherals={peripherals} subscribe={props.subscribe} card={card} onCardRead={setCard} onDone={goHome} />
        ) : view.kind === 'maintenance' ? (
          <MaintenanceScreen bridge={bridge} locale={locale} peripherals={peripherals} />
        ) : view.kind === 'guide' ? (
          <>
            <button class="back-button" onClick={() => setView(view.from)}>{t.back}</button>
            {guide ? (
              <GuidePage
                guide={guide}
                locale={locale}
                elderMode={elderMode}
                bridge={bridge}
                speechAvailable={props.speechAvailable}
                autoRead={preferences.autoRead}
                onAutoRead={(autoRead) => onPreferences({ autoRead })}
              />
            ) : <p>{t.loading}</p>}
          </>
        ) : view.kind === 'notice' ? (
          <>
            <button class="back-button" onClick={() => setView({ kind: 'notices' })}>{t.back}</button>
            <NoticePage
              id={view.id}
              locale={locale}
              elderMode={elderMode}
              bridge={bridge}
              revision={revision}
              speechAvailable={props.speechAvailable}
              autoRead={preferences.autoRead}
              onAutoRead={(autoRead) => onPreferences({ autoRead })}
            />
          </>
        ) : view.kind === 'notices' ? (
          <NoticeList notices={notices} locale={locale} showExcerpts={!elderMode} onOpen={(id) => setView({ kind: 'notice', id })} />
        ) : list !== null ? (
          <>
            {view.kind === 'category' && <h1 class="list-heading">{GUIDE_CATEGORY_NAMES[locale][view.category]}</h1>}
            {query.trim() && <p class="result-count" aria-live="polite">{list.length > 0 ? t.results(list.length) : t.noResults}</p>}
            <GuideList guides={list} onOpen={openGuide} showSummaries={!elderMode} />
            {/* Nothing found: offer the categories rather than an empty page. */}
            {list.length === 0 && <CategoryTiles categories={categories} locale={locale} onOpen={openCategory} />}
          </>
        ) : (
          <>
            <NoticeEntry notices={notices} locale={locale} onOpen={() => setView({ kind: 'notices' })} />
            <ServiceTiles
              locale={locale}
              tiles={[
                ...(peripherals?.idCardReader ? [{ name: t.readIdCard, hint: t.readIdCardHint, onOpen: () => setView({ kind: 'id-card' }) }] : []),
                ...(hasA4Printer ? [{ name: t.printForms, hint: t.printFormsHint, onOpen: () => setView({ kind: 'forms' }) }] : []),
              ]}
            />
            <CategoryTiles categories={categories} locale={locale} onOpen={openCategory} />
          </>
        )}
      </main>
    </div>
  );
}
