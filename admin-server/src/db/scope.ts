/** SQL for "records this user may see": placed in their subtree, or at a node above them (read-only). */
import type { SqlValue } from './database';

export interface OrgScope {
  subtreePath: string;
  ancestorIds: number[];
}

export function visibleOrgClause(column: string, scope: OrgScope): { sql: string; params: SqlValue[] } {
  const ancestors =
    scope.ancestorIds.length > 0 ? ` OR ${column} IN (${scope.ancestorIds.map(() => '?').join(', ')})` : '';
  return {
    sql: `(${column} IN (SELECT id FROM org_nodes WHERE path LIKE ?)${ancestors})`,
    params: [`${scope.subtreePath}%`, ...scope.ancestorIds],
  };
}
