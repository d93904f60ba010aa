/**
 * The screens of one visit: category tiles and a search field on the home screen, results that
 * update as the resident types, and a guide page. All data comes through the bridge; the visit's
 * preferences (language, elder mode, auto-read) belong to the visit and come in as props.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { GUIDE_CATEGORY_NAMES, LOCALES, type CategoryCount, type Guide, type GuideCategory, type GuideSummary, type KioskBridge, type KioskStatus, type Locale } from '@linli/protocol';
import { CategoryTiles } from './category-tiles';
import { GuideList } from './guide-list';
import { GuidePage } from './guide-page';
import { LOCALE_NAMES, STRINGS } from './i18n';
import { SearchField } from './search-field';

type View = { kind: 'home' } | { kind: 'category'; category: GuideCategory } | { kind: 'guide'; id: string; from: View };

export interface VisitPreferences {
  locale: Locale;
  elderMode: boolean;
  autoRead: boolean;
}

export function App(props: {
  bridge: KioskBridge;
  subscribe: (listener: () => void) => () => void;
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
  const [revision, setRevision] = useState(0);
  const t = STRINGS[locale];

  // Host events (new content, online/offline) bump the revision, and every view reloads its data.
  useEffect(() => props.subscribe(() => setRevision((value) => value + 1)), [props.subscribe]);
  useEffect(() => {
    void bridge.getStatus({}).then(setStatus);
    void bridge.listCategories({}).then(setCategories);
  }, [revision]);

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

  return (
    <div class="kiosk" lang={locale}>
      <header class="topbar">
        <button class="home-button" onClick={goHome}>{t.home}</button>
        <span class="app-title">{t.appTitle}</span>
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

      {view.kind !== 'guide' && <SearchField locale={locale} query={query} onQuery={setQuery} />}

      <main>
        {view.kind === 'guide' ? (
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
        ) : list !== null ? (
          <>
            {view.kind === 'category' && <h1 class="list-heading">{GUIDE_CATEGORY_NAMES[locale][view.category]}</h1>}
            {query.trim() && <p class="result-count" aria-live="polite">{list.length > 0 ? t.results(list.length) : t.noResults}</p>}
            <GuideList guides={list} onOpen={openGuide} showSummaries={!elderMode} />
            {/* Nothing found: offer the categories rather than an empty page. */}
            {list.length === 0 && <CategoryTiles categories={categories} locale={locale} onOpen={openCategory} />}
          </>
        ) : (
          <CategoryTiles categories={categories} locale={locale} onOpen={openCategory} />
        )}
      </main>
    </div>
  );
}
