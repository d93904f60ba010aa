/**
 * Grids (网格) on the map: each grid node's boundary (a GeoJSON polygon, WGS 84) and its address
 * list (the buildings and units residents pick from), imported per community as a GeoJSON
 * FeatureCollection or saved one grid at a time from the map's editor, both checked by
 * gridProblems; what the map shows of each (staff, open and overdue cases); and the addresses a
 * kiosk offers. A case with an address or a position is placed in its grid (事发地). Under the
 * grids the map may lay a basemap: an image a node uploads with the bounds it covers.
 */
import Type from 'typebox';
import type { ErrorDetail } from './errors';

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

/** One grid saved from the map's editor (PUT /grids/:orgId, If-Match: its version, 0 when it has none yet). */
export const GridEdit = Type.Object(
  {
    boundary: GridPolygon,
    addresses: Type.Array(GridAddress, { maxItems: 2000 }),
  },
  { additionalProperties: false },
);
export type GridEdit = Type.Static<typeof GridEdit>;

/**
 * The mistakes of one grid beyond what the schema checks: each ring closed and drawn through three
 * different points, each address id listed once. `taken` holds the ids listed before this grid (by
 * the file's earlier features: '', or by another grid of the community: its name) and receives
 * this grid's. `at` names where the boundary and the address list lie in the request.
 */
export function gridProblems(
  grid: { boundary: GridPolygon; addresses: readonly GridAddress[] },
  at: { boundary: string; addresses: string },
  taken: Map<string, string>,
): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  for (const [index, ring] of grid.boundary.entries()) {
    const [first, last] = [ring[0]!, ring.at(-1)!];
    if (first[0] !== last[0] || first[1] !== last[1])
      problems.push({ path: `${at.boundary}/${index}`, message: 'a ring must end where it starts' });
    else if (new Set(ring.map(([longitude, latitude]) => `${longitude},${latitude}`)).size < 3)
      problems.push({ path: `${at.boundary}/${index}`, message: 'a ring needs three different points' });
  }
  for (const [index, address] of grid.addresses.entries()) {
    const where = taken.get(address.id);
    if (where !== undefined)
      problems.push({
        path: `${at.addresses}/${index}/id`,
        message: where ? `${address.id} is already listed in ${where}` : `${address.id} is listed twice`,
      });
    else taken.set(address.id, '');
  }
  return problems;
}

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
  /** Named by an edit (If-Match); moves on with every save and import. */
  version: Type.Integer({ minimum: 1 }),
});
export type GridView = Type.Static<typeof GridView>;

export const GridList = Type.Object({
  grids: Type.Array(GridView),
  /** The grid nodes of the subtree with no boundary yet (drawn on the map, or imported). */
  withoutBoundary: Type.Array(Type.Object({ orgId: Type.Integer(), code: Type.String(), name: Type.String() })),
});
export type GridList = Type.Static<typeof GridList>;

/** The addresses a kiosk offers for "where": its community's grids'. */
export const CaseAddresses = Type.Object({
  addresses: Type.Array(Type.Object({ id: Type.String(), label: Type.String(), grid: Type.String() })),
});
export type CaseAddresses = Type.Static<typeof CaseAddresses>;

/** A basemap is a PNG, JPEG or WebP image (told by its bytes) of at most 20 MB. */
export const BASEMAP_MIMES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export type BasemapMime = (typeof BASEMAP_MIMES)[number];
export const BASEMAP_MAX_BYTES = 20 * 1024 * 1024;

/** Where a basemap image lies: its south-west and north-east corners in WGS 84 degrees. */
export const BasemapBounds = Type.Object({
  south: Type.Number({ minimum: -90, maximum: 90, description: 'latitude of the south-west corner' }),
  west: Type.Number({ minimum: -180, maximum: 180, description: 'longitude of the south-west corner' }),
  north: Type.Number({ minimum: -90, maximum: 90, description: 'latitude of the north-east corner' }),
  east: Type.Number({ minimum: -180, maximum: 180, description: 'longitude of the north-east corner' }),
});
export type BasemapBounds = Type.Static<typeof BasemapBounds>;

/** What the schema cannot say of bounds: the north-east corner lies north and east of the south-west one. */
export function basemapBoundsProblems(bounds: BasemapBounds): ErrorDetail[] {
  return [
    ...(bounds.north > bounds.south ? [] : [{ path: '/north', message: 'must be north of south' }]),
    ...(bounds.east > bounds.west ? [] : [{ path: '/east', message: 'must be east of west' }]),
  ];
}

/** A node's basemap: the image (served at /basemaps/:orgId/image) and where it lies. */
export const BasemapView = Type.Object({
  orgId: Type.Integer(),
  /** The node that uploaded it: the viewer's own or one above them. */
  orgName: Type.String(),
  bounds: BasemapBounds,
  mime: Type.Union([Type.Literal('image/png'), Type.Literal('image/jpeg'), Type.Literal('image/webp')]),
  bytes: Type.Integer({ minimum: 1 }),
  sha256: Type.String(),
  uploadedAt: Type.String(),
  uploadedBy: Type.String(),
});
export type BasemapView = Type.Static<typeof BasemapView>;

/** The basemap a user's map lies on: the nearest on their node's path (their own, else an ancestor's), or none. */
export const BasemapReply = Type.Object({ basemap: Type.Union([BasemapView, Type.Null()]) });
export type BasemapReply = Type.Static<typeof BasemapReply>;
