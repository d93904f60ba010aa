/**
 * 10,000 guides made from the 169 demo guides: a city's worth of community halls each publishing
 * its own copy of the same services. Titles and offices get a street, a community and a number;
 * aliases and keywords stay as written, since that is what residents search by.
 * Seeded, so every run (and every machine) searches and syncs the same catalog.
 */
import { seededRandom, type GuideInput } from '@linli/protocol';
import { readDemoGuides } from '../admin-server/src/demo-content';

const STREETS = ['临江', '江北', '城南', '东湖', '西园', '北岭', '南湖', '金桥', '青山', '白沙'];
const COMMUNITIES = [
  '和平',
  '幸福',
  '安居',
  '光明',
  '建设',
  '民主',
  '团结',
  '胜利',
  '新华',
  '人民',
  '东风',
  '红旗',
  '阳光',
  '滨江',
  '翠湖',
  '枫林',
  '桂园',
  '锦绣',
  '春晖',
  '康乐',
];

export function syntheticGuides(count = 10_000, seed = 20240601): GuideInput[] {
  const demo = readDemoGuides().guides;
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const base = demo[i % demo.length]!;
    const copy = Math.floor(i / demo.length) + 1;
    const street = pick(STREETS);
    const community = pick(COMMUNITIES);
    return {
      ...base,
      id: `${base.id}-${copy}`,
      title: `${base.title}（${street}街道${community}社区${copy}号点）`,
      office: {
        ...base.office,
        name: `${street}街道${community}社区党群服务中心`,
        address: `临江市${street}街道${community}路${1 + Math.floor(random() * 300)}号`,
      },
    };
  });
}
