/**
 * What a visit counts for the usage statistics (pure): the visit itself when it begins; each
 * search once the resident has finished it — the screen searches as they type, so a query that
 * extends or trims the one before is the same search going on, and it ends when another begins, a
 * guide is opened or the visit ends —, a search that found nothing with its words (as
 * searchMissText keeps them); and at the end the language the visit was in and elder mode when it
 * was on. Nothing here knows who the resident is.
 */
import { searchMissText, type Locale, type UsageKind } from '@linli/protocol';

export interface UsageDraft {
  kind: UsageKind;
  subject?: string;
  value?: number;
}

export interface VisitUsage {
  visitBegan(): UsageDraft[];
  searched(query: string, results: number): UsageDraft[];
  guideOpened(id: string): UsageDraft[];
  preferences(locale: Locale, elderMode: boolean): void;
  visitEnded(): UsageDraft[];
}

export function createVisitUsage(): VisitUsage {
  let inVisit = false;
  let search: { query: string; results: number } | undefined;
  let locale: Locale = 'zh-Hans';
  let elderMode = false;

  const endSearch = (): UsageDraft[] => {
    if (!search) return [];
    const { query, results } = search;
    search = undefined;
    const words = results === 0 ? searchMissText(query) : undefined;
    return [{ kind: 'search' }, ...(words === undefined ? [] : [{ kind: 'search-miss' as const, subject: words }])];
  };

  return {
    visitBegan() {
      // Also called when a visit goes on after the idle warning: one visit, counted once.
      if (inVisit) return [];
      inVisit = true;
      return [{ kind: 'visit' }];
    },
    searched(query, results) {
      const text = query.trim();
      const sameSearch = search !== undefined && (text.startsWith(search.query) || search.query.startsWith(text));
      const ended = sameSearch ? [] : endSearch();
      search = text === '' ? undefined : { query: text, results };
      return ended;
    },
    guideOpened(id) {
      return [...endSearch(), { kind: 'guide-view', subject: id }];
    },
    preferences(nextLocale, nextElderMode) {
      locale = nextLocale;
      elderMode ||= nextElderMode;
    },
    visitEnded() {
      const drafts = [...endSearch()];
      if (inVisit) {
        drafts.push({ kind: 'locale', subject: locale });
        if (elderMode) drafts.push({ kind: 'elder-mode' });
      }
      inVisit = false;
      locale = 'zh-Hans';
      elderMode = false;
      return drafts;
    },
  };
}
