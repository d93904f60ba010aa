/** A list of guides as large touch rows. */
import type { GuideSummary } from '@linli/protocol';
import { HighlightedTitle } from './highlighted-title';

/** `showSummaries` is off in elder mode: one clear line per choice. */
export function GuideList(props: { guides: GuideSummary[]; onOpen: (id: string) => void; showSummaries: boolean }) {
  return (
    <ul class="guide-list" role="list">
      {props.guides.map((guide) => (
        <li key={guide.id}>
          <button
            class="guide-row"
            data-guide-id={guide.id}
            data-category={guide.category}
            onClick={() => props.onOpen(guide.id)}
          >
            <span class="guide-title">
              <HighlightedTitle title={guide.title} ranges={guide.titleHighlights} />
            </span>
            {props.showSummaries && <span class="guide-summary">{guide.summary}</span>}
          </button>
        </li>
      ))}
    </ul>
  );
}
