/**
 * Imports streets, communities and grids from the spreadsheet an office keeps (columns 上级代码,
 * 名称, 代码): every row is checked first — parent, level, code shape, scope, duplicates — and
 * only a file without problems is written, in one transaction, each node audited.
 */
import {
  childLevel,
  describeOrgCodeProblem,
  orgCodeProblem,
  type OrgLevel,
  type SheetImportReport,
} from '@linli/protocol';
import type { Database } from '../db/database';
import { findOrgByCode, insertOrg, listSubtree, updateOrg, type StoredOrgNode } from '../db/org-store';
import { RowProblems, readTable, type ColumnSpec } from '../import/sheet-table';
import { readSpreadsheet, type SheetFile, type Spreadsheet } from '../import/spreadsheet';
import type { Actor } from './actor';
import type { AuditService } from './audit';
import type { Clock } from './clock';

const COLUMNS: ColumnSpec<'parentCode' | 'name' | 'code'>[] = [
  { key: 'parentCode', headers: ['上级代码', '上级区划代码', 'parent code'], required: true },
  { key: 'name', headers: ['名称', '机构名称', 'name'], required: true },
  { key: 'code', headers: ['代码', '区划代码', '统计代码', '网格代码', 'code'], required: true },
];

interface PlannedNode {
  row: number;
  parentCode: string;
  level: OrgLevel;
  name: string;
  code: string;
}

/** The org tree from a spreadsheet: checked whole, then written in one transaction (or only checked). */
export interface OrgImport {
  /** Authorises the actor first, and only then reads the file. */
  run(actor: Actor, file: SheetFile, dryRun: boolean): Promise<SheetImportReport>;
}

export function createOrgImport(deps: { db: Database; clock: Clock; audit: AuditService }): OrgImport {
  const { db, clock, audit } = deps;

  async function plan(actor: Actor, sheet: Spreadsheet) {
    const records = readTable(sheet.rows, COLUMNS);
    const problems = new RowProblems();
    const known = new Map<string, { level: OrgLevel; path?: string; name: string; parentCode?: string }>();
    const own = await listSubtree(db, actor.orgPath);
    const byCode = new Map(own.map((node) => [node.code, node]));
    for (const node of own) known.set(node.code, { level: node.level, path: node.path, name: node.name });
    const creates: PlannedNode[] = [];
    const renames: { node: StoredOrgNode; name: string; row: number }[] = [];
    let unchanged = 0;
    // Rows may list children before parents; take rows whose parent is known until none is left.
    let pending = records;
    while (pending.length > 0) {
      const ready = pending.filter((record) => known.has(record.cells.parentCode));
      if (ready.length === 0) break;
      pending = pending.filter((record) => !ready.includes(record));
      for (const { row, cells } of ready) {
        const parent = known.get(cells.parentCode)!;
        const level = childLevel(parent.level);
        if (!cells.name) problems.add(row, '名称', 'is empty');
        if (!level) {
          problems.add(row, '上级代码', 'is a grid, which has no nodes below it');
          continue;
        }
        const problem = orgCodeProblem(level, cells.code, cells.parentCode);
        if (problem) {
          problems.add(row, '代码', describeOrgCodeProblem(problem));
          continue;
        }
        const existing = known.get(cells.code);
        if (existing && existing.parentCode !== undefined) problems.add(row, '代码', 'appears twice in the file');
        else if (existing) {
          const stored = byCode.get(cells.code)!;
          if (
            stored.parentId === null ||
            !own.some((node) => node.id === stored.parentId && node.code === cells.parentCode)
          )
            problems.add(row, '代码', `already belongs to ${stored.name} elsewhere in the tree`);
          else if (stored.name === cells.name) unchanged++;
          else renames.push({ node: stored, name: cells.name, row });
        } else if (await findOrgByCode(db, cells.code)) problems.add(row, '代码', 'is used by another organisation');
        else {
          known.set(cells.code, { level, name: cells.name, parentCode: cells.parentCode });
          creates.push({ row, parentCode: cells.parentCode, level, name: cells.name, code: cells.code });
        }
      }
    }
    for (const { row, cells } of pending)
      problems.add(
        row,
        '上级代码',
        `${cells.parentCode || '(empty)'} is neither in your part of the tree nor in the file`,
      );
    problems.throwIfAny();
    return { records, creates, renames, unchanged };
  }

  return {
    async run(actor: Actor, file: SheetFile, dryRun: boolean): Promise<SheetImportReport> {
      await audit.authorize(actor, 'org.manage', 'org.import', {
        type: 'org',
        id: '-',
        orgId: actor.orgId,
        orgPath: actor.orgPath,
      });
      const { records, creates, renames, unchanged } = await plan(actor, readSpreadsheet(file));
      const report = { dryRun, rows: records.length, created: creates.length, updated: renames.length, unchanged };
      if (dryRun) return report;
      await db.transaction(async (tx) => {
        const paths = new Map(
          (await listSubtree(tx, actor.orgPath)).map((node) => [node.code, { id: node.id, path: node.path }]),
        );
        for (const planned of creates) {
          const parent = paths.get(planned.parentCode)!;
          const node = await insertOrg(
            tx,
            {
              parentId: parent.id,
              parentPath: parent.path,
              level: planned.level,
              name: planned.name,
              code: planned.code,
            },
            clock(),
          );
          paths.set(node.code, { id: node.id, path: node.path });
          await audit.record(
            tx,
            actor,
            'org.import',
            { type: 'org', id: String(node.id), orgId: node.id, orgPath: node.path },
            { after: { level: node.level, name: node.name, code: node.code } },
          );
        }
        for (const { node, name } of renames) {
          await updateOrg(tx, node.id, { name, code: node.code });
          await audit.record(
            tx,
            actor,
            'org.import',
            { type: 'org', id: String(node.id), orgId: node.id, orgPath: node.path },
            { before: { name: node.name }, after: { name } },
          );
        }
      });
      return report;
    },
  };
}
