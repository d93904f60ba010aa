/**
 * The organisation tree: the district's streets, communities and grids with their division
 * codes. Every record belongs to a node; a user's rights cover their node's subtree.
 */
import {
  LinliError,
  childLevel,
  describeOrgCodeProblem,
  orgCodeProblem,
  type OrgCodeProblem,
  type OrgLevel,
  type OrgNode,
  type OrgNodeInput,
  type OrgNodeUpdate,
  type OrgTree,
} from '@linli/protocol';
import type { Database, Queryable } from '../db/database';
import {
  countDependents,
  deleteOrg,
  findOrg,
  findOrgByCode,
  findRootOrg,
  insertOrg,
  listByIds,
  listSubtree,
  updateOrg,
  type StoredOrgNode,
} from '../db/org-store';
import { scopeOf, type Actor } from './actor';
import type { AuditService } from './audit';
import type { Clock } from './clock';

export interface OrgService {
  /** Creates the top node on first start (the deployment's city or district). */
  ensureRoot(root: { level: OrgLevel; name: string; code: string }): Promise<StoredOrgNode>;
  tree(actor: Actor): Promise<OrgTree>;
  /** The node, or NOT_FOUND. */
  get(id: number): Promise<StoredOrgNode>;
  /** The top node (its division code names the jurisdiction at the Open311 boundary). */
  root(): Promise<StoredOrgNode | undefined>;
  create(actor: Actor, input: OrgNodeInput): Promise<StoredOrgNode>;
  update(actor: Actor, id: number, input: OrgNodeUpdate): Promise<StoredOrgNode>;
  remove(actor: Actor, id: number): Promise<void>;
}

function codeError(path: string, problem: OrgCodeProblem | string): LinliError {
  const message = typeof problem === 'string' ? problem : describeOrgCodeProblem(problem);
  return new LinliError('ORG_CODE_INVALID', `${path}: ${message}`, [{ path, message }]);
}

/** The node a device belongs to, or NOT_FOUND. */
export async function deviceNode(db: Queryable, deviceId: string): Promise<StoredOrgNode> {
  const row = await db.get<{ org_id: number }>('SELECT org_id FROM devices WHERE id = ?', [deviceId]);
  const node = row && (await findOrg(db, Number(row.org_id)));
  if (!node) throw new LinliError('NOT_FOUND', `No device '${deviceId}'`);
  return node;
}

export async function mustFindOrg(db: Queryable, id: number): Promise<StoredOrgNode> {
  const node = await findOrg(db, id);
  if (!node)
    throw new LinliError('NOT_FOUND', `No organisation node ${id}`, [{ path: '/orgId', message: 'no such node' }]);
  return node;
}

async function assertCodeFree(db: Queryable, code: string, exceptId?: number): Promise<void> {
  const holder = await findOrgByCode(db, code);
  if (holder && holder.id !== exceptId)
    throw new LinliError('ALREADY_EXISTS', `Code ${code} already belongs to ${holder.name}`, [
      { path: '/code', message: `already used by ${holder.name}` },
    ]);
}

/** A node as the API shows it: without its internal path. */
export const orgView = ({ path: _path, ...node }: StoredOrgNode): OrgNode => node;

export function createOrgService(deps: { db: Database; clock: Clock; audit: AuditService }): OrgService {
  const { db, clock, audit } = deps;
  const target = (node: StoredOrgNode) => ({ type: 'org', id: String(node.id), orgId: node.id, orgPath: node.path });
  return {
    async ensureRoot(root) {
      const existing = await findRootOrg(db);
      const problem = existing ? undefined : orgCodeProblem(root.level, root.code, undefined);
      if (problem)
        throw new LinliError(
          'CONFIG_INVALID',
          `Root organisation code ${root.code}: ${describeOrgCodeProblem(problem)}`,
        );
      return db.transaction(async (tx) => {
        const node = existing ?? (await insertOrg(tx, { parentId: null, parentPath: '/', ...root }, clock()));
        // Guides and devices from before the tree existed belong to the whole deployment.
        await tx.run('UPDATE guides SET org_id = ? WHERE org_id IS NULL', [node.id]);
        await tx.run('UPDATE devices SET org_id = ? WHERE org_id IS NULL', [node.id]);
        return node;
      });
    },
    async tree(actor) {
      const own = await listSubtree(db, actor.orgPath);
      const ancestors = await listByIds(db, scopeOf(actor).ancestorIds);
      return { nodes: [...ancestors, ...own].map(orgView), rootId: actor.orgId };
    },
    get: (id) => mustFindOrg(db, id),
    root: () => findRootOrg(db),
    async create(actor, input) {
      const parent = await mustFindOrg(db, input.parentId);
      await audit.authorize(actor, 'org.manage', 'org.create', target(parent));
      const level = childLevel(parent.level);
      if (!level)
        throw new LinliError('VALIDATION_FAILED', 'A grid has no nodes below it', [
          { path: '/parentId', message: 'a grid cannot have children' },
        ]);
      const problem = orgCodeProblem(level, input.code, parent.code);
      if (problem) throw codeError('/code', problem);
      return db.transaction(async (tx) => {
        await assertCodeFree(tx, input.code);
        const node = await insertOrg(
          tx,
          { parentId: parent.id, parentPath: parent.path, level, name: input.name.trim(), code: input.code },
          clock(),
        );
        await audit.record(tx, actor, 'org.create', target(node), { after: orgView(node) });
        return node;
      });
    },
    async update(actor, id, input) {
      const node = await mustFindOrg(db, id);
      await audit.authorize(actor, 'org.manage', 'org.update', target(node));
      const parent = node.parentId === null ? undefined : await mustFindOrg(db, node.parentId);
      const problem = orgCodeProblem(node.level, input.code, parent?.code);
      if (problem) throw codeError('/code', problem);
      // Children carry the old code as their prefix; renumbering a subtree is a job for an import.
      if (input.code !== node.code && (await listSubtree(db, node.path)).length > 1) {
        throw codeError('/code', 'cannot change while nodes below carry this code as their prefix');
      }
      return db.transaction(async (tx) => {
        await assertCodeFree(tx, input.code, id);
        await updateOrg(tx, id, { name: input.name.trim(), code: input.code });
        const updated = { ...node, name: input.name.trim(), code: input.code };
        await audit.record(tx, actor, 'org.update', target(node), { before: orgView(node), after: orgView(updated) });
        return updated;
      });
    },
    async remove(actor, id) {
      const node = await mustFindOrg(db, id);
      await audit.authorize(actor, 'org.manage', 'org.delete', target(node));
      if (node.id === actor.orgId)
        throw new LinliError('FORBIDDEN', 'You cannot delete the node your own account belongs to');
      await db.transaction(async (tx) => {
        const dependents = await countDependents(tx, id);
        if (dependents > 0)
          throw new LinliError(
            'ORG_NOT_EMPTY',
            `${node.name} still has ${dependents} node(s), user(s), device(s) or guide(s) under it`,
          );
        await deleteOrg(tx, id);
        await audit.record(tx, actor, 'org.delete', target(node), { before: orgView(node) });
      });
    },
  };
}
