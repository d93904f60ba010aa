/** The home screen's 热门事项: the guides most often opened here, one touch each; absent while there are none. */
import type { GuideSummary, Locale } from '@linli/protocol';
import { STRINGS } from './i18n';
import { HomeSection } from './home-section';

export function PopularGuides(props: { guides: GuideSummary[]; locale: Locale; onOpen: (id: string) => void }) {
  if (props.guides.length === 0) return null;
  const t = STRINGS[props.locale];
  return (
    <HomeSection id="popular" icon="popular" title={t.popularGuides}>
      <ul class="popular-list" role="list">
        {props.guides.map((guide) => (
          <li key={guide.id}>
            <button class="popular-guide" data-guide-id={guide.id} onClick={() => props.onOpen(guide.id)}>
              {guide.title}
            </button>
          </li>
        ))}
      </ul>
    </HomeSection>
  );
}
