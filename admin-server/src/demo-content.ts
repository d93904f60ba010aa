/**
 * The demo catalog shipped in admin-server/demo/guides/ (one JSON array per category), demo
 * streets and communities, and a few notices for every screen.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { GUIDE_FILE_FORMAT, type GuideFile, type GuideInput, type NoticeInput } from '@linli/protocol';
import type { Actor } from './domain/actor';
import type { NoticeService } from './domain/notices';
import type { OrgService } from './domain/org-tree';

export const DEMO_GUIDES_DIR = path.resolve(import.meta.dirname, '../demo/guides');

export function readDemoGuides(dir = DEMO_GUIDES_DIR): GuideFile {
  const guides = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .flatMap((name) => JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as GuideInput[]);
  return { format: GUIDE_FILE_FORMAT, formatVersion: 1, guides };
}

/** Two streets with their communities under the root district (codes follow its prefix). */
export async function createDemoOrgs(
  orgs: OrgService,
  actor: Actor,
  district: { id: number; code: string },
): Promise<void> {
  const streets = [
    { name: '安和街道', number: '001', communities: ['临江社区', '望湖社区', '桂花社区'] },
    { name: '江滨街道', number: '002', communities: ['春晖社区', '新塘社区'] },
  ];
  for (const street of streets) {
    const streetCode = `${district.code}${street.number}000`;
    const node = await orgs.create(actor, { parentId: district.id, name: street.name, code: streetCode });
    for (const [index, name] of street.communities.entries()) {
      await orgs.create(actor, {
        parentId: node.id,
        name,
        code: `${streetCode.slice(0, 9)}${String(index + 1).padStart(3, '0')}`,
      });
    }
  }
}

/**
 * The demo notices, live at once on every device: written by `author` and, as every notice must
 * be, approved by someone else (`reviewer`).
 */
export async function createDemoNotices(notices: NoticeService, author: Actor, reviewer: Actor): Promise<void> {
  const texts = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../demo/notices.json'), 'utf8')) as Pick<
    NoticeInput,
    'kind' | 'title' | 'body'
  >[];
  for (const text of texts) {
    const input: NoticeInput = { ...text, publishAt: null, expireAt: null, targets: { orgIds: [], groupIds: [] } };
    const draft = await notices.create(author, input);
    const submitted = await notices.submit(author, draft.id);
    await notices.review(reviewer, draft.id, { approve: true }, submitted.version);
  }
}
