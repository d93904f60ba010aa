/**
 * The review workflow shared by guides and notices: draft → in-review (submitted) → approved
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

/** Who saved a version and when; each content type adds its own fields. */
export const VersionStamp = {
  version: Type.Integer(),
  savedAt: Type.String(),
  savedBy: Type.String(),
};
