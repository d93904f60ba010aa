/**
 * Printable forms as content: a field definition (see form-definition.ts) and its PDF template from the
 * media library, placed at an org node, reviewed like guides, and sent to the kiosks of that node's
 * subtree, which download the PDF by hash and offer the form once it is there.
 */
import Type from 'typebox';
import { GuideCategory } from './guide';
import { MediaRef, SHA256_PATTERN } from './media';
import { FormDefinition } from './form-definition';
import { ReviewFields, ReviewState, VersionStamp } from './review';
import { Targets } from './targets';

export const FormInput = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,63}$', description: "Equals the definition's id" }),
    category: GuideCategory,
    definition: FormDefinition,
    templateSha256: Type.String({
      pattern: SHA256_PATTERN,
      description: 'The PDF template, a file in the media library',
    }),
    published: Type.Boolean(),
    targets: Type.Optional(Targets),
  },
  { additionalProperties: false },
);
export type FormInput = Type.Static<typeof FormInput>;

export const FormView = Type.Object({
  ...FormInput.properties,
  title: Type.String(),
  ...ReviewFields,
});
export type FormView = Type.Static<typeof FormView>;

export const FormListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  category: Type.Optional(GuideCategory),
  state: Type.Optional(ReviewState),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
});
export type FormListQuery = Type.Static<typeof FormListQuery>;
export const FormList = Type.Object({ forms: Type.Array(FormView), total: Type.Integer() });
export type FormList = Type.Static<typeof FormList>;

export const FormVersion = Type.Object({ ...VersionStamp, ...FormInput.properties });
export type FormVersion = Type.Static<typeof FormVersion>;
export const FormHistory = Type.Object({ versions: Type.Array(FormVersion) });
export type FormHistory = Type.Static<typeof FormHistory>;

/** What kiosks receive: the live definition and the template to fetch by hash. */
export const DeviceForm = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  category: GuideCategory,
  definition: FormDefinition,
  template: MediaRef,
});
export type DeviceForm = Type.Static<typeof DeviceForm>;
