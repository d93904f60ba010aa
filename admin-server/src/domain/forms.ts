/**
 * Printable forms on top of reviewed content: the definition must be sound and its id the form's,
 * the PDF template must be a PDF in the media library within reach of the form's node, and the
 * live version goes to the nodes and device groups it names, or the kiosks of its node's subtree.
 */
import {
  LinliError,
  formDefinitionProblems,
  type DeviceForm,
  type FormInput,
  type FormView,
  type MediaRef,
} from '@linli/protocol';
import { reviewFields } from '../db/content-store';
import type { Database, Queryable } from '../db/database';
import { visibleOrgClause } from '../db/scope';
import type { ChangeHub } from '../push/change-hub';
import { scopeOfNode } from './actor';
import type { AuditService } from './audit';
import type { Clock } from './clock';
import {
  createReviewedContent,
  type ContentOrg,
  type ContentType,
  type ReviewedContent,
  type ReviewSteps,
} from './reviewed-content';
import { resolveTargets } from './content-targets';

/** The template as devices fetch it; it must be a PDF in the library of the form's node or above. */
async function templateRef(queryable: Queryable, input: FormInput, org: ContentOrg): Promise<MediaRef> {
  const visible = visibleOrgClause('i.org_id', scopeOfNode(org));
  const row = await queryable.get<{ sha256: string; bytes: number; mime: string; name: string }>(
    `SELECT b.sha256, b.bytes, b.mime, i.name FROM media_blobs b JOIN media_items i ON i.sha256 = b.sha256 WHERE b.sha256 = ? AND ${visible.sql} ORDER BY i.id LIMIT 1`,
    [input.templateSha256, ...visible.params],
  );
  if (!row)
    throw new LinliError('VALIDATION_FAILED', '/templateSha256: not a file in the media library', [
      { path: '/templateSha256', message: 'not a file in the media library' },
    ]);
  if (row.mime !== 'application/pdf')
    throw new LinliError('VALIDATION_FAILED', `/templateSha256: ${row.name} is not a PDF`, [
      { path: '/templateSha256', message: `${row.name} is not a PDF` },
    ]);
  return { sha256: row.sha256, bytes: Number(row.bytes), mime: row.mime, name: row.name };
}

function normalise(input: FormInput): FormInput {
  const { id, category, definition, templateSha256, published, targets } = input;
  return { id, category, definition, templateSha256, published, ...(targets && { targets }) };
}

const formType: ContentType<FormInput, FormView> = {
  kind: 'form',
  newId: (input) => input.id,
  secondPersonApproves: false,
  normalise,
  category: (input) => input.category,
  title: (input) => input.definition.title,
  view: (input, row) => ({ ...normalise(input), title: input.definition.title, ...reviewFields(row) }),
  async check(queryable, input, org) {
    const problems = formDefinitionProblems(input.definition).map((problem) => ({
      ...problem,
      path: `/definition${problem.path}`,
    }));
    if (input.definition.id !== input.id)
      problems.push({ path: '/definition/id', message: `must equal the form id '${input.id}'` });
    if (problems.length > 0)
      throw new LinliError('FORM_INVALID', `${problems[0]!.path}: ${problems[0]!.message}`, problems);
    await templateRef(queryable, input, org);
  },
  async deviceData(queryable, input, row, org): Promise<DeviceForm> {
    return {
      id: input.id,
      version: Number(row.live_version),
      category: input.category,
      definition: input.definition,
      template: await templateRef(queryable, input, org),
    };
  },
  targets: (queryable, input, org) => resolveTargets(queryable, org, input.targets),
};

/** Printable forms: the reviewed-content steps and the list, nothing of their own. */
export interface FormService extends ReviewSteps<FormInput, FormView> {
  list: ReviewedContent<FormInput, FormView>['list'];
}

export function createFormService(deps: {
  db: Database;
  hub: ChangeHub;
  clock: Clock;
  audit: AuditService;
}): FormService {
  const content = createReviewedContent(deps, formType);
  return {
    list: content.list,
    ...content.steps,
  };
}
