/**
 * Grids (网格) for the map and for placing cases: a community's grids imported as one GeoJSON
 * FeatureCollection (each feature names its grid node by division code; all or nothing, every
 * mistake named by feature), each with its boundary and address list. The map reads each grid with
 * its staff and its open and overdue cases; kiosks read their community's addresses; a new case is
 * placed in its grid by the address picked or by its position (point in polygon).
 */
import {
  GridImport,
  LinliError,
  parseWith,
  type CaseAddresses,
  type CaseLocation,
  type ErrorDetail,
  type GridAddress,
  type GridList,
  type GridPolygon,
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
  /** The grids in the actor's subtree, for the map. */
  list(actor: Actor, today: string): Promise<GridList>;
  /** The addresses of the grids under a node (a kiosk's community). */
  addressesUnder(orgPath: string): Promise<CaseAddresses>;
  /** The grid a case happened in, among the grids under `orgPath`: by the address picked, else by position. */
  gridOf(queryable: Queryable, orgPath: string, location: CaseLocation | undefined): Promise<number | undefined>;
}

type GridRow = { org_id: number; boundary: string; addresses: string; name: string; code: string; path: string };

const SELECT_GRIDS = `SELECT g.org_id, g.boundary, g.addresses, o.name, o.code, o.path
  FROM grid_areas g JOIN org_nodes o ON o.id = g.org_id`;

/** Problems of one ring: closed, and lying within WGS 84 (the schema checks the numbers' ranges). */
function ringProblems(polygon: GridPolygon, path: string): ErrorDetail[] {
  return polygon.flatMap((ring, index) => {
    const [first, last] = [ring[0]!, ring.at(-1)!];
    return first[0] === last[0] && first[1] === last[1]
      ? []
      : [{ path: `${path}/${index}`, message: 'a ring must end where it starts' }];
  });
}

const outerRing = (polygon: GridPolygon) => polygon[0]!.map(([longitude, latitude]) => [latitude, longitude] as const);

export function createGrids(deps: { db: Database; clock: Clock; audit: AuditService }): Grids {
  const { db, clock, audit } = deps;

  const rowsUnder = (queryable: Queryable, orgPath: string) =>
    queryable.all<GridRow>(`${SELECT_GRIDS} WHERE o.path LIKE ? ORDER BY o.code`, [`${orgPath}%`]);

  return {
    async importFile(actor, json) {
      const file = parseWith(GridImport, json, 'IMPORT_INVALID');
      const problems: ErrorDetail[] = [];
      const seen = new Set<string>();
      const nodes: StoredOrgNode[] = [];
      for (const [index, feature] of file.features.entries()) {
        const path = `/features/${index}`;
        const node = await findOrgByCode(db, feature.properties.code);
        if (!node || node.level !== 'grid')
          problems.push({ path: `${path}/properties/code`, message: `no grid ${feature.properties.code}` });
        else nodes.push(node);
        problems.push(...ringProblems(feature.geometry.coordinates, `${path}/geometry/coordinates`));
        for (const [at, address] of (feature.properties.addresses ?? []).entries()) {
          if (seen.has(address.id))
            problems.push({ path: `${path}/properties/addresses/${at}/id`, message: `${address.id} is listed twice` });
          seen.add(address.id);
        }
      }
      if (problems.length > 0)
        throw new LinliError('IMPORT_INVALID', `${problems[0]!.path}: ${problems[0]!.message}`, problems);
      // Authorised for every grid before any is written.
      for (const node of nodes)
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
            `INSERT INTO grid_areas (org_id, boundary, addresses, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (org_id) DO UPDATE SET boundary = excluded.boundary, addresses = excluded.addresses,
               updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
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

    async list(actor, today) {
      const rows = await rowsUnder(db, actor.orgPath);
      if (rows.length === 0) return { grids: [] };
      const staff = await db.all<{ username: string; display_name: string; org_id: number }>(
        `SELECT username, display_name, org_id FROM admin_users WHERE disabled = 0 AND org_id IN (${rows
          .map(() => '?')
          .join(', ')}) ORDER BY username`,
        rows.map((row) => row.org_id),
      );
      const counts = await db.all<{ grid_org_id: number; open: number; overdue: number }>(
        `SELECT grid_org_id, COUNT(*) AS open, COALESCE(SUM(CASE WHEN reply_by < ? THEN 1 ELSE 0 END), 0) AS overdue
           FROM cases WHERE grid_org_id IS NOT NULL AND state NOT IN ('closed', 'not-accepted') GROUP BY grid_org_id`,
        [today],
      );
      const countOf = new Map(counts.map((count) => [Number(count.grid_org_id), count]));
      return {
        grids: rows.map((row) => ({
          orgId: Number(row.org_id),
          code: row.code,
          name: row.name,
          boundary: JSON.parse(row.boundary) as GridPolygon,
          addresses: JSON.parse(row.addresses) as GridAddress[],
          staff: staff
            .filter((user) => Number(user.org_id) === Number(row.org_id))
            .map((user) => ({ username: user.username, displayName: user.display_name })),
          openCases: Number(countOf.get(Number(row.org_id))?.open ?? 0),
          overdueCases: Number(countOf.get(Number(row.org_id))?.overdue ?? 0),
        })),
      };
    },

    async addressesUnder(orgPath) {
      const rows = await rowsUnder(db, orgPath);
      return {
        addresses: rows.flatMap((row) =>
          (JSON.parse(row.addresses) as GridAddress[]).map((address) => ({ ...address, grid: row.name })),
        ),
      };
    },

    async gridOf(queryable, orgPath, location) {
      if (!location) return undefined;
      // A case taken at a grid node is of that grid's community: look among its siblings too.
      const node = await findOrg(queryable, Number(orgPath.split('/').filter(Boolean).at(-1)));
      const under = node?.level === 'grid' ? orgPath.split('/').slice(0, -2).join('/') + '/' : orgPath;
      const rows = await rowsUnder(queryable, under);
      const byAddress =
        location.addressId &&
        rows.find((row) => (JSON.parse(row.addresses) as GridAddress[]).some((a) => a.id === location.addressId));
      if (byAddress) return Number(byAddress.org_id);
      if (location.lat === undefined || location.long === undefined) return undefined;
      const point = { latitude: location.lat, longitude: location.long };
      const inside = rows.find((row) => insidePolygon(point, outerRing(JSON.parse(row.boundary) as GridPolygon)));
      return inside && Number(inside.org_id);
    },
  };
}
