/** Where content goes, for every content type that is sent to chosen parts of the fleet. */
import Type from 'typebox';

/** Where content goes: org subtrees and/or device groups. Empty lists mean the owner's whole subtree. */
export const Targets = Type.Object(
  {
    orgIds: Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 200 }),
    groupIds: Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 200 }),
  },
  { additionalProperties: false },
);
export type Targets = Type.Static<typeof Targets>;
