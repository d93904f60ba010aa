/** The filters above a list of reviewed content: text search, service category (guides, forms) and review state. */
import { useState } from 'preact/hooks';
import { GUIDE_CATEGORIES, GUIDE_CATEGORY_NAMES, REVIEW_STATES, type Locale } from '@linli/protocol';
import type { AdminStrings } from './i18n';

export interface ContentFilter {
  q: string;
  category: string;
  state: string;
}

export function useContentFilter() {
  return useState<ContentFilter>({ q: '', category: '', state: '' });
}

export function ContentFilters(props: {
  t: AdminStrings;
  locale: Locale;
  searchLabel: string;
  filter: ContentFilter;
  onChange: (filter: ContentFilter) => void;
  /** Content without service categories (notices, signage) leaves the category out. */
  withCategory?: boolean;
}) {
  const { t, filter, onChange } = props;
  const set = (key: keyof ContentFilter) => (event: Event) =>
    onChange({ ...filter, [key]: (event.target as HTMLInputElement | HTMLSelectElement).value });
  return (
    <>
      <input
        type="search"
        aria-label={props.searchLabel}
        placeholder={props.searchLabel}
        value={filter.q}
        onInput={set('q')}
      />
      {props.withCategory !== false && (
        <select aria-label={t.category} value={filter.category} onChange={set('category')}>
          <option value="">{t.allCategories}</option>
          {GUIDE_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {GUIDE_CATEGORY_NAMES[props.locale][c]}
            </option>
          ))}
        </select>
      )}
      <select aria-label={t.state} value={filter.state} onChange={set('state')}>
        <option value="">{t.allStates}</option>
        {REVIEW_STATES.map((value) => (
          <option key={value} value={value}>
            {t.reviewStates[value]}
          </option>
        ))}
      </select>
    </>
  );
}
