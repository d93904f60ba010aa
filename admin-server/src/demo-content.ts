/**
 * The demo catalog shipped in admin-server/demo/guides/ (one JSON array per category), demo
 * streets and communities, a few notices for every screen, a signage publication playing them,
 * and the street's service hall with its queue.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  GUIDE_FILE_FORMAT,
  type GuideFile,
  type GuideInput,
  type NoticeInput,
  type SignageInput,
  type SignageView,
  type TvChannelInput,
  type TvChannelView,
  type TvItem,
} from '@linli/protocol';
import type { Actor } from './domain/actor';
import type { NoticeService } from './domain/notices';
import type { Grids } from './domain/grids';
import type { OrgService } from './domain/org-tree';
import type { Queue } from './domain/queue';
import type { SignageService } from './domain/signage';
import type { TvChannelService } from './domain/tv-channels';

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
 * Two grids of 临江社区 with their boundaries and buildings, so the kiosk's address picker and the
 * grid map have something to show (squares near 30.27°N 120.15°E; the addresses are made up).
 */
export async function createDemoGrids(orgs: OrgService, grids: Grids, actor: Actor): Promise<void> {
  const community = (await orgs.tree(actor)).nodes.find((node) => node.name === '临江社区');
  if (!community) return;
  const features = [];
  for (const [index, name] of ['临江第一网格', '临江第二网格'].entries()) {
    const grid = await orgs.create(actor, {
      parentId: community.id,
      name,
      code: `${community.code}${String(index + 1).padStart(3, '0')}`,
    });
    const [lon, lat, size] = [120.15 + index * 0.003, 30.27, 0.003];
    const buildings = index === 0 ? [1, 2, 3] : [4, 5, 6];
    features.push({
      type: 'Feature',
      properties: {
        code: grid.code,
        addresses: buildings.flatMap((building) =>
          [1, 2].map((unit) => ({ id: `lj-${building}-${unit}`, label: `${building}号楼${unit}单元` })),
        ),
      },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [lon, lat],
            [lon + size, lat],
            [lon + size, lat + size],
            [lon, lat + size],
            [lon, lat],
          ],
        ],
      },
    });
  }
  await grids.importFile(actor, { type: 'FeatureCollection', features });
}

/**
 * The district's service hall (政务服务中心) at the root, so the demo kiosk (enrolled there with
 * the deployment code) gives its tickets: four businesses at four windows, residents of 70 and
 * over first, 社保医保 and 户籍证照 bookable a week ahead. Open every day at every hour, so whoever
 * tries the demo can take a number.
 */
export async function createDemoQueueHall(
  queue: Queue,
  actor: Actor,
  district: { id: number; name: string },
): Promise<void> {
  await queue.create(actor, {
    orgId: district.id,
    name: `${district.name}政务服务中心`,
    resetTime: '00:00',
    elderAge: 70,
    hours: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], windows: [{ from: '00:00', to: '23:59' }] }],
    followsWorkCalendar: false,
    appointments: { slotMinutes: 30, daysAhead: 7, perSlot: { 'social-security': 5, household: 3 } },
    businesses: [
      { id: 'social-security', name: '社保医保', prefix: 'A', maxPerDay: 300, open: true, serviceMinutes: 6 },
      { id: 'civil-affairs', name: '民政救助', prefix: 'B', maxPerDay: 200, open: true, serviceMinutes: 10 },
      { id: 'household', name: '户籍证照', prefix: 'C', maxPerDay: 200, open: true, serviceMinutes: 8 },
      { id: 'general', name: '综合咨询', prefix: 'D', maxPerDay: 300, open: true, serviceMinutes: 4 },
    ],
    windows: [
      { number: 1, businesses: ['social-security'] },
      { number: 2, businesses: ['social-security', 'general'] },
      { number: 3, businesses: ['civil-affairs', 'general'] },
      { number: 4, businesses: ['household', 'general'] },
    ],
  });
}

/**
 * The demo notices, live at once on every device: written by `author` and, as every notice must
 * be, approved by someone else (`reviewer`). Returns the ids the server gave them, by title.
 */
export async function createDemoNotices(
  notices: NoticeService,
  author: Actor,
  reviewer: Actor,
): Promise<Map<string, string>> {
  const texts = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../demo/notices.json'), 'utf8')) as Pick<
    NoticeInput,
    'kind' | 'title' | 'body'
  >[];
  const ids = new Map<string, string>();
  for (const text of texts) {
    const input: NoticeInput = { ...text, publishAt: null, expireAt: null, targets: { orgIds: [], groupIds: [] } };
    const draft = await notices.create(author, input);
    const submitted = await notices.submit(author, draft.id);
    await notices.review(reviewer, draft.id, { approve: true }, submitted.version);
    ids.set(draft.title, draft.id);
  }
  return ids;
}

/** Where a demo install keeps its demo alert source's key (in the admin server's data folder). */
export const DEMO_ALERT_KEY_FILE = 'demo-alert-source.key';
/** The demo's Open311 api_key (an app posting cases to the district), printed by each start. */
export const DEMO_OPEN311_KEY_FILE = 'demo-open311.key';
/** A CAP 1.2 alert for the demo district, to post with that key. */
export const DEMO_CAP_FILE = path.resolve(import.meta.dirname, '../demo/cap-demo-alert.xml');

export const DEMO_SIGNAGE_FILE = path.resolve(import.meta.dirname, '../demo/signage.json');

/**
 * The demo publication (demo/signage.json) with its notice items pointing at the demo notices.
 * The server names notices when they are created, so the file names each one by its title and
 * the title is swapped for the id here.
 */
export function readDemoSignage(noticeIds: Map<string, string>, file = DEMO_SIGNAGE_FILE): SignageInput {
  const input = JSON.parse(readFileSync(file, 'utf8')) as SignageInput;
  const noticeId = demoNoticeId(noticeIds, file);
  const layouts = input.schedule.layouts.map((layout) => ({
    ...layout,
    zones: layout.zones.map((zone) => ({
      ...zone,
      playlist: zone.playlist.map((item) =>
        item.kind === 'notice' ? { ...item, noticeId: noticeId(item.noticeId) } : item,
      ),
    })),
  }));
  return { ...input, schedule: { ...input.schedule, layouts } };
}

/** A demo file's notice, named by its title there, as the id the server gave it. */
function demoNoticeId(noticeIds: Map<string, string>, file: string) {
  return (title: string) => {
    const id = noticeIds.get(title);
    if (!id) throw new Error(`${path.basename(file)} plays the notice 「${title}」, which is not a demo notice`);
    return id;
  };
}

export const DEMO_TV_CHANNEL_FILE = path.resolve(import.meta.dirname, '../demo/tv-channel.json');

/** The demo TV channel (demo/tv-channel.json), its notice items named by title there, by id here. */
export function readDemoTvChannel(noticeIds: Map<string, string>, file = DEMO_TV_CHANNEL_FILE): TvChannelInput {
  const input = JSON.parse(readFileSync(file, 'utf8')) as TvChannelInput;
  const noticeId = demoNoticeId(noticeIds, file);
  const withIds = (items: TvItem[]) =>
    items.map((item) => (item.kind === 'notice' ? { ...item, noticeId: noticeId(item.noticeId) } : item));
  return {
    ...input,
    programmes: input.programmes.map((programme) => ({ ...programme, items: withIds(programme.items) })),
    filler: withIds(input.filler),
  };
}

/** The demo channel, live at once for every box and in the line-up: written by `author`, approved by `reviewer`. */
export async function createDemoTvChannel(
  tvChannels: TvChannelService,
  author: Actor,
  reviewer: Actor,
  noticeIds: Map<string, string>,
): Promise<TvChannelView> {
  const draft = await tvChannels.create(author, readDemoTvChannel(noticeIds));
  const submitted = await tvChannels.submit(author, draft.id);
  return tvChannels.review(reviewer, draft.id, { approve: true }, submitted.version);
}

/** The demo publication, live at once on every player: written by `author`, approved by `reviewer`. */
export async function createDemoSignage(
  signage: SignageService,
  author: Actor,
  reviewer: Actor,
  noticeIds: Map<string, string>,
): Promise<SignageView> {
  const draft = await signage.create(author, readDemoSignage(noticeIds));
  const submitted = await signage.submit(author, draft.id);
  return signage.review(reviewer, draft.id, { approve: true }, submitted.version);
}
