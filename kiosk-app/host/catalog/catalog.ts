/**
 * The kiosk bridge API over the local cache: categories, browsing, search, guide pages and
 * notices. Everything is served from the cache and an in-memory search index, so it works offline.
 */
import {
  GUIDE_CATEGORIES,
  LinliError,
  type Change,
  type Guide,
  type GuideSummary,
  type KioskBridge,
  type KioskStatus,
  type Locale,
} from '@linli/protocol';
import { createGuideIndex } from '../search/guide-index';
import type { CacheDb } from '../storage/cache-db';
import { applyToMap } from '../sync/change-map';
import { searchDocOf } from './guide-text';
import { createNoticeBoard, type NoticeBridge } from './notice-board';
import { localizeGuide, localizeText } from './traditional';

/** The bridge methods the catalog answers. */
export type CatalogBridge = Pick<
  KioskBridge,
  'getStatus' | 'listCategories' | 'listGuides' | 'searchGuides' | 'popularGuides' | 'getGuide'
> &
  NoticeBridge;

export interface Catalog {
  bridge: CatalogBridge;
  /** A guide in the resident's language, as getGuide gives it but without counting a view. */
  localizedGuide(id: string, locale?: Locale): Guide;
  /** Brings the in-memory index and lists up to date with what sync applied. */
  applied(changes: Change[] | 'all'): void;
  /** The next time a notice appears or expires without any sync: what is shown changes then too. */
  nextNoticeChangeAt(): Date | null;
}

/** `clock` decides which notices are shown now, and `mediaStored` which have all their files. */
export function createCatalog(deps: {
  cache: CacheDb;
  status: () => Omit<KioskStatus, 'guideCount'>;
  clock: () => Date;
  mediaStored: (sha256: string) => boolean;
}): Catalog {
  const { cache } = deps;
  const index = createGuideIndex();
  const guides = new Map<string, Guide>();
  const views = cache.guideViews();
  index.setViews(views);
  const notices = createNoticeBoard(deps.clock, deps.mediaStored);

  function reloadAll(): void {
    index.clear();
    guides.clear();
    for (const guide of cache.allGuides()) {
      guides.set(guide.id, guide);
      index.upsert(searchDocOf(guide));
    }
    notices.reload(cache.allNotices());
  }
  reloadAll();

  const summaryOf = (
    guide: Guide,
    locale: Parameters<typeof localizeText>[1],
    titleHighlights: Array<[number, number]> = [],
  ): GuideSummary => ({
    id: guide.id,
    category: guide.category,
    title: localizeText(guide.title, locale),
    summary: localizeText(guide.summary, locale),
    titleHighlights,
  });

  /** A category's guides as its list shows them: shortest title first, the general ones before the special cases. */
  function guidesIn(category: string): Guide[] {
    return [...guides.values()]
      .filter((guide) => guide.category === category)
      .sort((a, b) => a.title.length - b.title.length || a.title.localeCompare(b.title, 'zh-Hans-CN'));
  }

  function localizedGuide(id: string, locale?: Locale): Guide {
    const guide = guides.get(id);
    if (!guide) throw new LinliError('NOT_FOUND', `No guide '${id}' on this kiosk`);
    return localizeGuide(guide, locale);
  }

  const bridge: CatalogBridge = {
    async getStatus() {
      return { ...deps.status(), guideCount: guides.size };
    },
    async listCategories() {
      const counts = new Map<string, number>();
      for (const guide of guides.values()) counts.set(guide.category, (counts.get(guide.category) ?? 0) + 1);
      return GUIDE_CATEGORIES.map((category) => ({ category, count: counts.get(category) ?? 0 }));
    },
    async listGuides({ category, locale }) {
      return guidesIn(category).map((guide) => summaryOf(guide, locale));
    },
    async searchGuides({ query, category, limit, locale }) {
      return index.search(query, { limit: limit ?? 30, category }).flatMap((hit) => {
        const guide = guides.get(hit.id);
        return guide
          ? [{ ...summaryOf(guide, locale, hit.titleHighlights), ...(hit.partial ? { partial: true } : {}) }]
          : [];
      });
    },
    async popularGuides({ limit, locale }) {
      const mostViewed = [...views]
        .filter(([id]) => guides.has(id))
        .sort(([a, viewsA], [b, viewsB]) => viewsB - viewsA || (a < b ? -1 : 1))
        .map(([id]) => guides.get(id)!);
      // A kiosk that has seen few visits still offers a row: each category's plainest guide (the
      // one its list shows first, usually the concept itself: 居住证申领, 失业登记) fills it up.
      const plainest = GUIDE_CATEGORIES.flatMap((category) => guidesIn(category).slice(0, 1));
      return [...new Set([...mostViewed, ...plainest])].slice(0, limit ?? 6).map((guide) => summaryOf(guide, locale));
    },
    async getGuide({ id, locale }) {
      const guide = localizedGuide(id, locale);
      views.set(id, cache.countView(id));
      index.setViews(views);
      return guide;
    },
    ...notices.bridge,
  };

  return {
    bridge,
    localizedGuide,
    applied(changes) {
      if (changes === 'all') return reloadAll();
      for (const change of changes) {
        // Notices are not searched: the search index holds guides only.
        if (change.entity === 'notice') notices.apply(change);
        // Settings and commands are the host's business, not the catalog's.
        if (change.entity !== 'guide') continue;
        applyToMap(guides, change);
        if (change.op === 'upsert') index.upsert(searchDocOf(change.data));
        else index.remove(change.id);
      }
    },
    nextNoticeChangeAt: notices.nextChangeAt,
  };
}
