/**
 * The kiosk's line icons: one stroke weight on a 24-unit grid, drawn in the text colour, so a
 * tile reads at a glance before its name is read. Decorative: the name beside it is what is said.
 */
import type { GuideCategory } from '@linli/protocol';

const PATHS = {
  'social-security': ['M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6z', 'M8.5 12l2.5 2.5 4.5-5'],
  'medical-insurance': [
    'M6 3h12a3 3 0 0 1 3 3v12a3 3 0 0 1-3 3H6a3 3 0 0 1-3-3V6a3 3 0 0 1 3-3z',
    'M12 8v8',
    'M8 12h8',
  ],
  household: ['M3 11l9-7 9 7', 'M5 9.5V20h14V9.5', 'M10 20v-5h4v5'],
  'residence-permit': [
    'M4 5h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V7a2 2 0 0 1 2-2z',
    'M8 9a2 2 0 1 1 0 4 2 2 0 0 1 0-4z',
    'M5 16.5c.6-1.4 1.7-2 3-2s2.4.6 3 2',
    'M14 10h5',
    'M14 14h4',
  ],
  elderly: [
    'M11 2.5a2 2 0 1 1 0 4 2 2 0 0 1 0-4z',
    'M10 8l-1.5 6 3 2.5V21',
    'M8.5 14L7 21',
    'M10 9.5l4.5 1.5',
    'M16 11v10',
  ],
  disability: [
    'M12 2.5a1.8 1.8 0 1 1 0 3.6 1.8 1.8 0 0 1 0-3.6z',
    'M12 8v6h5l2 5',
    'M12 11h4',
    'M9 10.5a6 6 0 1 0 7.5 8.5',
  ],
  'minimum-living': [
    'M12 7.5c-1.2-2.4-5-2.2-5 .8 0 2.6 5 5.7 5 5.7s5-3.1 5-5.7c0-3-3.8-3.2-5-.8z',
    'M2 19h4l4 2h5l7-3.5',
    'M6 17l3-1.5h4a1.5 1.5 0 0 1 0 3h-3',
  ],
  employment: [
    'M5 7h14a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V9a2 2 0 0 1 2-2z',
    'M9 7V5a1 1 0 0 1 1-1h4a1 1 0 0 1 1 1v2',
    'M3 13h18',
  ],
  'family-planning': [
    'M12 4a8 8 0 1 1 0 16 8 8 0 0 1 0-16z',
    'M12 4c1.5 0 2 1.5 1 2.5',
    'M9.5 11h.01',
    'M14.5 11h.01',
    'M9.5 14.5c1.4 1.2 3.6 1.2 5 0',
  ],
  housing: [
    'M4 21V5l8-2v18',
    'M12 8l8 2.5V21',
    'M2 21h20',
    'M8 8h.01',
    'M8 12h.01',
    'M8 16h.01',
    'M16 14h.01',
    'M16 17.5h.01',
  ],
  certificates: ['M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8z', 'M14 3v5h5', 'M9 14l2 2 4-4'],
  'card-reader': [
    'M7 10V4h10v6',
    'M5 10h14a2 2 0 0 1 2 2v6a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-6a2 2 0 0 1 2-2z',
    'M7 15h4',
  ],
  printer: [
    'M6 9V3h12v6',
    'M6 17H5a2 2 0 0 1-2-2v-4a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2v4a2 2 0 0 1-2 2h-1',
    'M6 14h12v7H6z',
  ],
  notices: ['M3 10v4h3l9 5V5l-9 5H3z', 'M18.5 9a4 4 0 0 1 0 6'],
  bills: ['M6 3h12v18l-3-2-3 2-3-2-3 2z', 'M9 8h6', 'M9 12h6', 'M9 16h3'],
  // A speech bubble with a line of text: 说一说.
  cases: ['M4 5h16a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1h-9l-5 4v-4H4a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1z', 'M8 10h8', 'M8 13h5'],
  // A ticket torn from the roll, with its number: 取号.
  queue: ['M4 6h16v3.5a2.5 2.5 0 0 0 0 5V18H4v-3.5a2.5 2.5 0 0 0 0-5z', 'M9 10h6', 'M9 14h4'],
  popular: [
    'M12 3c1 4 5.5 5.5 5.5 10.5a5.5 5.5 0 0 1-11 0c0-2.6 1.5-3.8 2.2-5.5 1 1.6 1.6 2.2 2.3 2.3C11 7.6 11.6 5 12 3z',
  ],
  back: ['M15 5l-7 7 7 7'],
  home: ['M3 11l9-7 9 7', 'M5 9.5V20h14V9.5'],
  elder: [
    'M6 11.5a3.5 3.5 0 1 1 0 7 3.5 3.5 0 0 1 0-7z',
    'M18 11.5a3.5 3.5 0 1 1 0 7 3.5 3.5 0 0 1 0-7z',
    'M9.5 15h5',
    'M2.5 15l1.5-7h2',
    'M21.5 15L20 8h-2',
  ],
  end: ['M10 4H5v16h5', 'M14 8l4 4-4 4', 'M18 12H9'],
  clock: ['M12 3a9 9 0 1 1 0 18 9 9 0 0 1 0-18z', 'M12 7v5l3 2'],
} satisfies Record<GuideCategory, string[]> & Record<string, string[]>;

export type IconName = keyof typeof PATHS;

export function Icon(props: { name: IconName; class?: string }) {
  return (
    <svg
      class={props.class ?? 'icon'}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      stroke-width="1.8"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {PATHS[props.name].map((d) => (
        <path key={d} d={d} />
      ))}
    </svg>
  );
}
