/** What of a guide the search reads beyond title, aliases and keywords. */
import type { Guide } from '@linli/protocol';
import type { SearchDoc } from '../search/guide-index';

export function searchDocOf(guide: Guide): SearchDoc {
  const body = [
    guide.summary,
    guide.audience,
    ...guide.materials.map((material) => material.name),
    ...guide.steps.map((step) => `${step.title} ${step.detail}`),
    guide.office.name,
    guide.fees,
    guide.timeLimit,
    ...guide.forms.map((form) => form.name),
  ].join('\n');
  return {
    id: guide.id,
    title: guide.title,
    aliases: guide.aliases,
    keywords: guide.keywords,
    body,
    category: guide.category,
  };
}
