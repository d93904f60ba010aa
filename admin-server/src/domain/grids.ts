/**
 * Grids (网格) for the map and for placing cases: a community's grids imported as one GeoJSON
 * FeatureCollection (each feature names its grid node by division code; all or nothing, every
 * mistake named by feature) or saved one at a time from the map's editor (the same checks:
 * protocol's gridProblems; If-Match on the grid's version), each with its boundary and address
 * list; an address id is listed once in a community. The map reads each grid with its staff and
 * its open and overdue cases; kiosks read their community's addresses; a new case is placed in its
 * grid by the address picked or by its position (point in polygon).
 */
import {
  GridEdit,
  GridImport,
  LinliError,
  gridProblems,
  parseWith,
  type CaseAddresses,
  type CaseLocation,
  type ErrorDetail,
  type GridAddress,
  type GridList,
  type GridPolygon,
  type GridView,
} from '@linli/protocol';
import type { Database, Queryable } from '../db/database';
import { findOrg, findOrgByCode, type StoredOrgNode } from '../db/org-store';
import type { Actor } from './actor';
import { insidePolygon } from './alert-geometry';
import type { AuditService } from './audit';
import type { Clock } from './clock';

export interface Grids {
  /** Replaces the boundaries and address lists of the grids the file names (org.manage over each). */
  importFile(actor: Actor, json: unknown): Promise<{ grids: number }>;
  /**
   * Saves one grid's boundary and address list (a GridEdit, read once the actor is authorised with
   * org.manage over the grid), edited from `version` (0: it has none yet); EDIT_CONFLICT when it
   * was saved or imported meanwhile.
   */
  save(actor: Actor, orgId: number, json: unknown, version: number, today: string): Promise<GridView>;
  /** The grids in the actor's subtree, for the map, and the grid nodes there with no boundary yet. */
  list(actor: Actor, today: string): Promise<GridList>;
  /** The addresses of the grids under a node (a kiosk's community). */
  addressesUnder(orgPath: string): Promise<CaseAddresses>;
  /** The grid a case happened in, among the grids under `orgPath`: by the address picked, else by position. */
  gridOf(queryable: Queryable, orgPath: string, location: CaseLocation | undefined): Promise<number | undefined>;
}

type GridRow = {
  org_id: number;
  boundary: string;
  addresses: string;
  version: number;
  name: string;
  code: string;
  path: string;
};

const SELECT_GRIDS = `SELECT g.org_id, g.boundary, g.addresses, g.version, o.name, o.code, o.path
  FROM grid_areas g JOIN org_nodes o ON o.id = g.org_id`;

const outerRing = (polygon: GridPolygon) => polygon[0]!.map(([longitude, latitude]) => [latitude, longitude] as const);

/** The community a grid belongs to: its parent's path (`/1/4/9/` → `/1/4/`). */
const communityPath = (gridPath: string) => gridPath.split('/').slice(0, -2).join('/') + '/';

const addressesOf = (row: GridRow) => JSON.parse(row.addresses) as GridAddress[];

export function createGrids(deps: { db: Database; clock: Clock; audit: AuditService }): Grids {
  const { db, clock, audit } = deps;

  const rowsUnder = (queryable: Queryable, orgPath: string) =>
    queryable.all<GridRow>(`${SELECT_GRIDS} WHERE o.path LIKE ? ORDER BY o.code`, [`${orgPath}%`]);

  /** The address ids other grids of these communities list (id → the grid's name), leaving out `except`. */
  const takenIn = async (queryable: Queryable, communities: Iterable<string>, except: Set<number>) => {
    const taken = new Map<string, string>();
    for (const community of new Set(communities))
      for (const row of await rowsUnder(queryable, community))
        if (!except.has(Number(row.org_id))) for (const address of addressesOf(row)) taken.set(address.id, row.name);
    return taken;
  };

  /** The map's view of grids: boundaries and addresses with their staff and open and overdue cases. */
  const views = async (queryable: Queryable, rows: GridRow[], today: string): Promise<GridView[]> => {
    if (rows.length === 0) return [];
    const marks = rows.map(() => '?').join(', ');
    const ids = rows.map((row) => Number(row.org_id));
    const staff = await queryable.all<{ username: string; display_name: string; org_id: number }>(
      `SELECT username, display_name, org_id FROM admin_users WHERE disabled = 0 AND org_id IN (${marks}) ORDER BY username`,
      ids,
    );
    const counts = await queryable.all<{ grid_org_id: number; open: number; overdue: number }>(
      `SELECT grid_org_id, COUNT(*) AS open, COALESCE(SUM(CASE WHEN reply_by < ? THEN 1 ELSE 0 END), 0) AS overdue
         FROM cases WHERE grid_org_id IN (${marks}) AND state NOT IN ('closed', 'not-accepted') GROUP BY grid_org_id`,
      [today, ...ids],
    );
    const countOf = new Map(counts.map((count) => [Number(count.grid_org_id), count]));
    return rows.map((row) => ({
      orgId: Number(row.org_id),
      code: row.code,
      name: row.name,
      boundary: JSON.parse(row.boundary) as GridPolygon,
      addresses: addressesOf(row),
      staff: staff
        .filter((user) => Number(user.org_id) === Number(row.org_id))
        .map((user) => ({ username: user.username, displayName: user.display_name })),
      openCases: Number(countOf.get(Number(row.org_id))?.open ?? 0),
      overdueCases: Number(countOf.get(Number(row.org_id))?.overdue ?? 0),
      version: Number(row.version),
    }));
  };

  return {
    async importFile(actor, json) {
      const file = parseWith(GridImport, json, 'IMPORT_INVALID');
      const nodes = await Promise.all(
        file.features.map(async (feature) => {
          const node = await findOrgByCode(db, feature.properties.code);
          return node?.level === 'grid' ? node : undefined;
        }),
      );
      const found = nodes.filter((node): node is StoredOrgNode => node !== undefined);
      // An address id is listed once in a community: among the file's grids and the grids it leaves as they are.
      const taken = await takenIn(
        db,
        found.map((node) => communityPath(node.path)),
        new Set(found.map((node) => node.id)),
      );
      const problems: ErrorDetail[] = [];
      for (const [index, feature] of file.features.entries()) {
        const path = `/features/${index}`;
        if (!nodes[index])
          problems.push({ path: `${path}/properties/code`, message: `no grid ${feature.properties.code}` });
        problems.push(
          ...gridProblems(
            { boundary: feature.geometry.coordinates, addresses: feature.properties.addresses ?? [] },
            { boundary: `${path}/geometry/coordinates`, addresses: `${path}/properties/addresses` },
            taken,
          ),
        );
      }
      if (problems.length > 0)
        throw new LinliError('IMPORT_INVALID', `${problems[0]!.path}: ${problems[0]!.message}`, problems);
      // Authorised for every grid before any is written.
      for (const node of found)
        await audit.authorize(actor, 'org.manage', 'grid.import', {
          type: 'org',
          id: String(node.id),
          orgId: node.id,
          orgPath: node.path,
        });
      const at = clock().toISOString();
      await db.transaction(async (tx) => {
        for (const [index, feature] of file.features.entries()) {
          const node = nodes[index]!;
          await tx.run(
            `INSERT INTO grid_areas (org_id, boundary, addresses, updated_at, updated_by, version) VALUES (?, ?, ?, ?, ?, 1)
             ON CONFLICT (org_id) DO UPDATE SET boundary = excluded.boundary, addresses = excluded.addresses,
               updated_at = excluded.updated_at, updated_by = excluded.updated_by, version = grid_areas.version + 1`,
            [
              node.id,
              JSON.stringify(feature.geometry.coordinates),
              JSON.stringify(feature.properties.addresses ?? []),
              at,
              actor.username,
            ],
          );
          await audit.record(
            tx,
            actor,
            'grid.import',
            { type: 'org', id: String(node.id), orgId: node.id, orgPath: node.path },
            { after: { addresses: feature.properties.addresses?.length ?? 0 } },
          );
        }
      });
      return { grids: file.features.length };
    },

    async save(actor, orgId, json, editedFrom, today) {
      const node = await findOrg(db, orgId);
      if (!node) throw new LinliError('NOT_FOUND', `No grid ${orgId}`);
      const target = { type: 'org', id: String(node.id), orgId: node.id, orgPath: node.path };
      // Authorised over the grid before the body is read for what it says.
      await audit.authorize(actor, 'org.manage', 'grid.update', target);
      if (node.level !== 'grid') throw new LinliError('NOT_FOUND', `${node.name} is not a grid`);
      const edit = parseWith(GridEdit, json);
      const at = clock().toISOString();
      const saved = await db.transaction(async (tx) => {
        const before = await tx.get<GridRow>(`${SELECT_GRIDS} WHERE g.org_id = ?`, [node.id]);
        if (Number(before?.version ?? 0) !== editedFrom)
          throw new LinliError('EDIT_CONFLICT', `${node.name} was saved by someone meanwhile`);
        const taken = await takenIn(tx, [communityPath(node.path)], new Set([node.id]));
        const problems = gridProblems(edit, { boundary: '/boundary', addresses: '/addresses' }, taken);
        if (problems.length > 0)
          throw new LinliError('VALIDATION_FAILED', `${problems[0]!.path}: ${problems[0]!.message}`, problems);
        const version = editedFrom + 1;
        const values = [JSON.stringify(edit.boundary), JSON.stringify(edit.addresses), at, actor.username, version];
        const { changes } = before
          ? await tx.run(
              `UPDATE grid_areas SET boundary = ?, addresses = ?, updated_at = ?, updated_by = ?, version = ?
                WHERE org_id = ? AND version = ?`,
              [...values, node.id, editedFrom],
            )
          : await tx.run(
              `INSERT INTO grid_areas (boundary, addresses, updated_at, updated_by, version, org_id) VALUES (?, ?, ?, ?, ?, ?)
               ON CONFLICT (org_id) DO NOTHING`,
              [...values, node.id],
            );
        if (changes !== 1) throw new LinliError('EDIT_CONFLICT', `${node.name} was saved by someone meanwhile`);
        const summary = (boundary: GridPolygon, addresses: GridAddress[]) => ({
          name: node.name,
          points: boundary[0]!.length - 1,
          addresses: addresses.map((address) => `${address.id} ${address.label}`),
        });
        await audit.record(tx, actor, 'grid.update', target, {
          ...(before && { before: summary(JSON.parse(before.boundary) as GridPolygon, addressesOf(before)) }),
          after: summary(edit.boundary, edit.addresses),
        });
        return (await tx.get<GridRow>(`${SELECT_GRIDS} WHERE g.org_id = ?`, [node.id]))!;
      });
      return (await views(db, [saved], today))[0]!;
    },

    async list(actor, today) {
      const rows = await rowsUnder(db, actor.orgPath);
      const withoutBoundary = await db.all<{ id: number; code: string; name: string }>(
        `SELECT o.id, o.code, o.name FROM org_nodes o LEFT JOIN grid_areas g ON g.org_id = o.id
          WHERE o.level = 'grid' AND g.org_id IS NULL AND o.path LIKE ? ORDER BY o.code`,
        [`${actor.orgPath}%`],
      );
      return {
        grids: await views(db, rows, today),
        withoutBoundary: withoutBoundary.map((node) => ({ orgId: Number(node.id), code: node.code, name: node.name })),
      };
    },

    async addressesUnder(orgPath) {
      const rows = await rowsUnder(db, orgPath);
      return {
        addresses: rows.flatMap((row) => addressesOf(row).map((address) => ({ ...address, grid: row.name }))),
      };
    },

    async gridOf(queryable, orgPath, location) {
      if (!location) return undefined;
      // A case taken at a grid node is of that grid's community: look among its siblings too.
      const node = await findOrg(queryable, Number(orgPath.split('/').filter(Boolean).at(-1)));
      const under = node?.level === 'grid' ? communityPath(orgPath) : orgPath;
      const rows = await rowsUnder(queryable, under);
      const byAddress =
        location.addressId && rows.find((row) => addressesOf(row).some((a) => a.id === location.addressId));
      if (byAddress) return Number(byAddress.org_id);
      if (location.lat === undefined || location.long === undefined) return undefined;
      const point = { latitude: location.lat, longitude: location.long };
      const inside = rows.find((row) => insidePolygon(point, outerRing(JSON.parse(row.boundary) as GridPolygon)));
      return inside && Number(inside.org_id);
    },
  };
}
