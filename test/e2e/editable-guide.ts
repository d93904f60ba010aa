import { ReviewFields } from '@linli/protocol';

/** A guide as the admin API returns it, split into what a save sends back and the version it names. */
export function editableGuide(view: Record<string, unknown>): { version: number; input: Record<string, unknown> } {
  // `published` is both: the input asks for it, the view reports it.
  const readOnly = new Set(Object.keys(ReviewFields).filter((field) => field !== 'published'));
  const input = Object.fromEntries(Object.entries(view).filter(([field]) => !readOnly.has(field)));
  return { version: Number(view.version), input };
}
