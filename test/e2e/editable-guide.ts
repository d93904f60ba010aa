/** A guide as the admin API returns it, split into what a save sends back and the version it names. */
export function editableGuide(view: Record<string, unknown>): { version: number; input: Record<string, unknown> } {
  const {
    version,
    updatedAt: _u,
    state: _s,
    liveVersion: _l,
    editor: _e,
    reviewer: _r,
    reviewComment: _c,
    ...input
  } = view;
  return { version: Number(version), input };
}
