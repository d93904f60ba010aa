/**
 * The guides answering what the resident typed (within a category when one is open), or the
 * category's guides when nothing is typed. The count names the query it answers; guides that
 * match only some of the words are said to be so. When nothing is found it is never a dead end:
 * the most asked guides, the counter staff and the categories are offered.
 */
import {
  GUIDE_CATEGORY_NAMES,
  type CategoryCount,
  type GuideCategory,
  type KioskBridge,
  type Locale,
} from '@linli/protocol';
import { CategoryTiles } from './category-tiles';
import { GuideList } from './guide-list';
import { STRINGS } from './i18n';
import { LoadedView } from './loaded-view';
import { useLoaded } from './use-loaded';

export function GuideResults(props: {
  bridge: KioskBridge;
  query: string;
  category: GuideCategory | null;
  locale: Locale;
  /** Bumped when the host's content changes: the same question is asked again. */
  revision: number;
  showSummaries: boolean;
  categories: CategoryCount[];
  onOpen: (id: string) => void;
  onOpenCategory: (category: GuideCategory) => void;
}) {
  const { bridge, query, category, locale } = props;
  const t = STRINGS[locale];
  const searching = query.trim() !== '';
  const { loaded, retry } = useLoaded(
    () =>
      searching
        ? bridge.searchGuides({ query, locale, ...(category ? { category } : {}) })
        : bridge.listGuides({ category: category!, locale }),
    JSON.stringify([query, category, locale]),
    [props.revision],
  );
  return (
    <>
      {category && <h1 class="list-heading">{GUIDE_CATEGORY_NAMES[locale][category]}</h1>}
      <LoadedView loaded={loaded} retry={retry} locale={locale}>
        {(guides) => (
          <>
            {searching && (
              <p class="result-count" aria-live="polite" data-query={query}>
                {guides.length > 0 ? t.results(guides.length) : t.noResults}
              </p>
            )}
            {guides[0]?.partial && <p class="result-note">{t.partialResults}</p>}
            <GuideList guides={guides} onOpen={props.onOpen} showSummaries={props.showSummaries} />
            {searching && guides.length === 0 && (
              <NothingFound bridge={bridge} locale={locale} onOpen={props.onOpen} showSummaries={props.showSummaries} />
            )}
            {guides.length === 0 && (
              <CategoryTiles categories={props.categories} locale={locale} onOpen={props.onOpenCategory} />
            )}
          </>
        )}
      </LoadedView>
    </>
  );
}

/** What a resident can still do when nothing was found: the most asked guides, or the staff. */
function NothingFound(props: {
  bridge: KioskBridge;
  locale: Locale;
  onOpen: (id: string) => void;
  showSummaries: boolean;
}) {
  const t = STRINGS[props.locale];
  const { loaded } = useLoaded(() => props.bridge.popularGuides({ locale: props.locale }), props.locale);
  const popular = loaded.state === 'loaded' ? loaded.value : [];
  return (
    <section class="nothing-found">
      {popular.length > 0 && (
        <>
          <h2 class="list-heading">{t.popularGuides}</h2>
          <GuideList guides={popular} onOpen={props.onOpen} showSummaries={props.showSummaries} />
        </>
      )}
      <p class="result-note">{t.askStaff}</p>
    </section>
  );
}
