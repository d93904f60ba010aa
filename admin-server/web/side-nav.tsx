/** The sidebar: the pages the user may open, grouped as residents' cases, content, kiosks and system, the open one marked. */
import type { Permission } from '@linli/protocol';
import type { AdminStrings } from './i18n';

export type Page =
  | 'dashboard'
  | 'usage'
  | 'indicatorFigures'
  | 'indicatorReports'
  | 'indicators'
  | 'reports'
  | 'cases'
  | 'gridMap'
  | 'queue'
  | 'counter'
  | 'notices'
  | 'signage'
  | 'tvChannels'
  | 'alerts'
  | 'guides'
  | 'printForms'
  | 'media'
  | 'devices'
  | 'releases'
  | 'orgs'
  | 'users'
  | 'billProviders'
  | 'workCalendar'
  | 'audit'
  | 'account';

/** What each page needs; null: every signed-in user. */
export const PAGE_PERMISSION: Record<Page, Permission | null> = {
  dashboard: null,
  usage: 'stats.view',
  indicatorFigures: 'stats.view',
  indicatorReports: 'stats.report',
  indicators: 'stats.view',
  reports: 'stats.view',
  cases: 'case.view',
  gridMap: 'case.view',
  queue: 'queue.serve',
  counter: 'queue.serve',
  notices: 'content.view',
  signage: 'content.view',
  tvChannels: 'content.view',
  alerts: 'content.view',
  guides: 'content.view',
  printForms: 'content.view',
  media: 'content.view',
  devices: 'device.view',
  releases: 'device.releases',
  orgs: 'org.manage',
  users: 'user.manage',
  billProviders: 'bill.providers',
  workCalendar: 'case.rules',
  audit: 'audit.view',
  account: null,
};

/** The sidebar's order; the overview stands alone at the top. Every page is in exactly one group. */
export const NAV_GROUPS: readonly { group: keyof AdminStrings['ui']['navGroups'] | null; pages: readonly Page[] }[] = [
  { group: null, pages: ['dashboard'] },
  { group: 'residents', pages: ['counter', 'queue', 'cases', 'gridMap'] },
  { group: 'content', pages: ['guides', 'printForms', 'notices', 'signage', 'tvChannels', 'alerts', 'media'] },
  { group: 'terminals', pages: ['devices', 'releases'] },
  { group: 'statistics', pages: ['usage', 'indicatorFigures', 'reports', 'indicatorReports', 'indicators'] },
  { group: 'system', pages: ['orgs', 'users', 'billProviders', 'workCalendar', 'audit', 'account'] },
];

export function isPage(value: string): value is Page {
  return Object.hasOwn(PAGE_PERMISSION, value);
}

/** The pages `permissions` open, in sidebar order. */
export function pagesFor(permissions: readonly string[]): Page[] {
  return NAV_GROUPS.flatMap((entry) => entry.pages).filter((page) => {
    const needed = PAGE_PERMISSION[page];
    return needed === null || permissions.includes(needed);
  });
}

export function SideNav(props: { t: AdminStrings; pages: readonly Page[]; shown: Page; onOpen: (page: Page) => void }) {
  const { t } = props;
  const button = (page: Page) => (
    <li key={page}>
      <button aria-current={page === props.shown ? 'page' : undefined} onClick={() => props.onOpen(page)}>
        {t[page]}
      </button>
    </li>
  );
  return (
    <nav class="sidebar" aria-label={t.ui.menu}>
      {NAV_GROUPS.map(({ group, pages }) => {
        const open = pages.filter((page) => props.pages.includes(page));
        if (open.length === 0) return null;
        if (group === null) return <ul key="top">{open.map(button)}</ul>;
        const id = `nav-group-${group}`;
        return (
          <section key={group} aria-labelledby={id}>
            <h2 id={id}>{t.ui.navGroups[group]}</h2>
            <ul>{open.map(button)}</ul>
          </section>
        );
      })}
    </nav>
  );
}
