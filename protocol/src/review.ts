/**
 * The review workflow shared by guides, printable forms and notices: draft → in-review (submitted) → approved
 * (live on devices) → withdrawn; a rejected item returns to draft with the reviewer's comment.
 * Editing an approved item starts a new draft version; devices keep the approved one until the
 * new version is approved.
 */
import Type from 'typebox';

export const REVIEW_STATES = ['draft', 'in-review', 'approved', 'withdrawn'] as const;
export const ReviewState = Type.Enum(REVIEW_STATES);
export type ReviewState = (typeof REVIEW_STATES)[number];

export const ReviewDecision = Type.Object(
  { approve: Type.Boolean(), comment: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
);
export type ReviewDecision = Type.Static<typeof ReviewDecision>;

export const RollbackRequest = Type.Object({ version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
export type RollbackRequest = Type.Static<typeof RollbackRequest>;

/**
 * Where an item stands, as the views of every reviewed content type (guides, forms, notices)
 * show it beside the item's own fields.
 */
export const ReviewFields = {
  version: Type.Integer({ description: 'The newest saved version' }),
  updatedAt: Type.String(),
  published: Type.Boolean({ description: 'true while some version is live on devices' }),
  state: ReviewState,
  liveVersion: Type.Union([Type.Integer(), Type.Null()], {
    description: 'The version devices show, if any; it may be older than the newest',
  }),
  author: Type.String({ description: 'Who created the item' }),
  editor: Type.String({ description: 'Who saved the newest version' }),
  reviewer: Type.Union([Type.String(), Type.Null()]),
  reviewComment: Type.Union([Type.String(), Type.Null()]),
};

/** Who saved a version and when; each content type adds its own fields. */
export const VersionStamp = {
  version: Type.Integer(),
  savedAt: Type.String(),
  savedBy: Type.String(),
};

/**
 * Optimistic concurrency: a save or a review names the version it was made on in `If-Match`
 * (the ETag the item was read with, `"<version>"`); a newer version saved meanwhile makes it
 * 409 EDIT_CONFLICT, and a save that names none is 428 VERSION_REQUIRED.
 */
export const EDIT_VERSION_HEADER = 'if-match';

export function etagOf(version: number): string {
  return `"${version}"`;
}

/** The version an `If-Match` value names (`"3"`, `W/"3"` or `3`), or undefined when it names none. */
export function versionOfEtag(value: string | undefined): number | undefined {
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(value ?? '');
  return match ? Number(match[1]) : undefined;
}
