/**
 * Grids (网格) on the map: each grid node's boundary (a GeoJSON polygon, WGS 84) and its address
 * list (the buildings and units residents pick from), imported per community as a GeoJSON
 * FeatureCollection; what the map shows of each (staff, open and overdue cases); and the addresses
 * a kiosk offers. A case with an address or a position is placed in its grid (事发地).
 */
import Type from 'typebox';

const Position = Type.Tuple([Type.Number({ minimum: -180, maximum: 180 }), Type.Number({ minimum: -90, maximum: 90 })]);
/** Rings of [longitude, latitude], each closed (the last point the first), the outer ring first. */
export const GridPolygon = Type.Array(Type.Array(Position, { minItems: 4, maxItems: 5000 }), {
  minItems: 1,
  maxItems: 20,
});
export type GridPolygon = Type.Static<typeof GridPolygon>;

export const GridAddress = Type.Object(
  {
    id: Type.String({ pattern: '^[A-Za-z0-9._-]{1,64}$' }),
    /** As residents say it: 3号楼2单元. */
    label: Type.String({ minLength: 1, maxLength: 60 }),
  },
  { additionalProperties: false },
);
export type GridAddress = Type.Static<typeof GridAddress>;

export const GridFeature = Type.Object({
  type: Type.Literal('Feature'),
  properties: Type.Object({
    /** The grid node's division code (15 digits). */
    code: Type.String({ pattern: '^\\d{15}$' }),
    addresses: Type.Optional(Type.Array(GridAddress, { maxItems: 2000 })),
  }),
  geometry: Type.Object({ type: Type.Literal('Polygon'), coordinates: GridPolygon }),
});
export type GridFeature = Type.Static<typeof GridFeature>;

export const GridImport = Type.Object({
  type: Type.Literal('FeatureCollection'),
  features: Type.Array(GridFeature, { minItems: 1, maxItems: 500 }),
});
export type GridImport = Type.Static<typeof GridImport>;

export const GridView = Type.Object({
  orgId: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  boundary: GridPolygon,
  addresses: Type.Array(GridAddress),
  staff: Type.Array(Type.Object({ username: Type.String(), displayName: Type.String() })),
  /** Open cases placed in the grid, and those of them past their reply date. */
  openCases: Type.Integer({ minimum: 0 }),
  overdueCases: Type.Integer({ minimum: 0 }),
});
export type GridView = Type.Static<typeof GridView>;

export const GridList = Type.Object({ grids: Type.Array(GridView) });
export type GridList = Type.Static<typeof GridList>;

/** The addresses a kiosk offers for "where": its community's grids'. */
export const CaseAddresses = Type.Object({
  addresses: Type.Array(Type.Object({ id: Type.String(), label: Type.String(), grid: Type.String() })),
});
export type CaseAddresses = Type.Static<typeof CaseAddresses>;
