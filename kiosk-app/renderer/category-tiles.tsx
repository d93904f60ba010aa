/** The home screen's large category tiles, each with how many guides it holds. */
import { GUIDE_CATEGORY_NAMES, type CategoryCount, type GuideCategory, type Locale } from '@linli/protocol';
import { STRINGS } from './i18n';
import { Icon } from './icons';

export function CategoryTiles(props: {
  categories: CategoryCount[];
  locale: Locale;
  onOpen: (category: GuideCategory) => void;
}) {
  const t = STRINGS[props.locale];
  return (
    <section aria-label={t.categories}>
      <ul class="tiles" role="list">
        {props.categories.map(({ category, count }) => (
          <li key={category}>
            <button class={`tile tile-category tile-${category}`} onClick={() => props.onOpen(category)}>
              <Icon name={category} class="tile-icon" />
              <span class="tile-name">{GUIDE_CATEGORY_NAMES[props.locale][category]}</span>
              <span class="tile-count">{t.guidesCount(count)}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
