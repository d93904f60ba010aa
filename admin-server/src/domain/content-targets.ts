/**
 * Where a piece of content goes, checked against the database: the named nodes and device groups
 * must lie within the owner's subtree. Naming none sends it to the owner's whole subtree.
 */
import { LinliError, type Targets } from '@linli/protocol';
import type { Queryable } from '../db/database';
import { listByIds } from '../db/org-store';
import { groupKey, orgKey, type TargetKey } from './targeting';

export async function resolveTargets(
  queryable: Queryable,
  owner: { path: string; name?: string },
  targets: Targets | undefined,
): Promise<TargetKey[]> {
  const { orgIds, groupIds } = targets ?? { orgIds: [], groupIds: [] };
  const within = owner.name ?? 'the organisation it belongs to';
  const nodes = await listByIds(queryable, orgIds);
  const groups =
    groupIds.length === 0
      ? []
      : await queryable.all<{ id: number; path: string }>(
          `SELECT g.id, o.path FROM device_groups g JOIN org_nodes o ON o.id = g.org_id WHERE g.id IN (${groupIds.map(() => '?').join(', ')})`,
          groupIds,
        );
  const details = [
    ...orgIds
      .filter((id) => !nodes.some((node) => node.id === id && node.path.startsWith(owner.path)))
      .map((id) => ({ path: '/targets/orgIds', message: `${id} is not a node within ${within}` })),
    ...groupIds
      .filter((id) => !groups.some((group) => Number(group.id) === id && group.path.startsWith(owner.path)))
      .map((id) => ({ path: '/targets/groupIds', message: `${id} is not a device group within ${within}` })),
  ];
  if (details.length > 0)
    throw new LinliError('VALIDATION_FAILED', `${details[0]!.path}: ${details[0]!.message}`, details);
  const keys = [...nodes.map((node) => orgKey(node.path)), ...groups.map((group) => groupKey(Number(group.id)))];
  return keys.length > 0 ? keys : [orgKey(owner.path)];
}
