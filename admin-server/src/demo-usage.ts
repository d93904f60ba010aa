/**
 * Synthetic service usage: a kiosk's day as residents might use it — visits (fewer at weekends),
 * searches and the ones that found nothing, guides opened (a few far more than the rest), prints,
 * card reads, bills, cases, tickets, language, elder mode, ten hours running — from a seeded
 * generator, so the same seed gives the same days. The demo install fills its communities' last
 * weeks with it (the 使用统计 page has something to show at once); the bench a district's year.
 * The demo's communities and grids also get made-up figures of their last months (统计查询).
 */
import { seededRandom, type UsageKind } from '@linli/protocol';
import { beijingDate, onBeijingClock } from './bills/beijing-time';
import type { CountedEvent } from './domain/usage-facts';
import type { Actor } from './domain/actor';
import type { IndicatorService } from './domain/indicators';
import type { UsageService } from './domain/usage';

export interface DayUse {
  kind: UsageKind;
  subject?: string;
  count: number;
}

/** What the synthetic residents search for and find nothing (none of them names a demo guide). */
export const SYNTHETIC_MISSES = [
  '宠物',
  '电动车上牌',
  '充电桩',
  '装修备案',
  '噪音',
  '快递柜',
  '物业费',
  '加装电梯',
  '托育',
  '垃圾分类',
];
const FORMS = ['hukou-form', 'dibao-form', 'canji-form', 'jiuye-form', 'laonian-form'];

/** A count around `mean` (±50 %). */
const around = (random: () => number, mean: number) => Math.round(mean * (0.5 + random()));
/** Favourites first: the first items are picked far more often than the last. */
const favourite = <T>(random: () => number, items: readonly T[]) => items[Math.floor(items.length * random() ** 3)]!;

/** One kiosk's day; `visits` is the weekday mean (half at weekends). */
export function syntheticDay(
  random: () => number,
  options: { weekday: boolean; visits: number; guides: readonly string[] },
): DayUse[] {
  const visits = around(random, options.weekday ? options.visits : options.visits / 2);
  const searches = around(random, visits * 1.5);
  const elder = Math.round(visits * 0.05 + random());
  const english = Math.round(visits * 0.03);
  const uses: DayUse[] = [
    { kind: 'visit', count: visits },
    { kind: 'search', count: searches },
    { kind: 'id-read', count: around(random, visits * 0.3) },
    { kind: 'elder-mode', count: elder },
    { kind: 'uptime-minutes', count: 600 },
    { kind: 'locale', subject: 'zh-Hans', count: visits - english },
    { kind: 'locale', subject: 'en', count: english },
  ];
  const spread = (kind: UsageKind, total: number, pick: () => string) => {
    for (let n = 0; n < total; n++) uses.push({ kind, subject: pick(), count: 1 });
  };
  spread('search-miss', Math.round(searches * 0.08), () => favourite(random, SYNTHETIC_MISSES));
  if (options.guides.length > 0)
    spread('guide-view', around(random, visits * 1.2), () => favourite(random, options.guides));
  spread('form-print', around(random, visits * 0.1), () => favourite(random, FORMS));
  spread('receipt-print', around(random, visits * 0.2), () => 'guide-checklist');
  spread('bill-check', around(random, visits * 0.15), () => favourite(random, ['water', 'electricity', 'gas']));
  spread('case', around(random, visits * 0.02), () => favourite(random, ['consultation', 'complaint', 'help']));
  spread('queue-ticket', around(random, visits * 0.2), () => favourite(random, ['hukou', 'shebao', 'yibao']));
  return uses.filter((use) => use.count > 0);
}

/** A day's uses as counted events at noon of `dayStartMs` (facts count them on its day). */
export function countedDay(uses: DayUse[], dayStartMs: number): CountedEvent[] {
  const at = dayStartMs + 12 * 3600_000;
  return uses.map((use) => ({ kind: use.kind, at, subject: use.subject, value: use.count }));
}

const DAY_MS = 86_400_000;
const DEMO_DAYS = 60;

/**
 * The demo communities' last 60 days (to yesterday, Beijing time) as if each had a kiosk: counted
 * as facts under a demo device per community, so the 使用统计 page, its drill-down and its search
 * gaps show a street office's picture before any real kiosk has been used.
 */
export async function createDemoUsage(
  usage: UsageService,
  communities: Array<{ id: number; path: string }>,
  guides: readonly string[],
  now: Date,
): Promise<void> {
  const random = seededRandom(20261206);
  // Midnight in Beijing of today, less the days.
  const today = Date.parse(`${beijingDate(now)}T00:00:00+08:00`);
  for (const [index, community] of communities.entries()) {
    const counted: CountedEvent[] = [];
    for (let back = DEMO_DAYS; back >= 1; back--) {
      const dayStart = today - back * DAY_MS;
      const weekday = ![0, 6].includes(onBeijingClock(new Date(dayStart)).getUTCDay());
      counted.push(...countedDay(syntheticDay(random, { weekday, visits: 16 + index * 6, guides }), dayStart));
    }
    await usage.addCounts(`demo-kiosk-${community.id}`, community, counted);
  }
}

/**
 * The demo communities' and grids' figures for the last three months, approved, so 统计查询 shows a
 * street office's picture at once: made-up totals of a plausible size (seeded), each month a little
 * on from the one before; quarterly and yearly indicators left for the visitor to fill.
 */
export async function createDemoFigures(
  indicators: IndicatorService,
  actor: Actor,
  units: Array<{ id: number; level: string }>,
  now: Date,
): Promise<void> {
  const random = seededRandom(20261207);
  const beijing = onBeijingClock(now);
  const months = [3, 2, 1].map((back) => {
    const date = new Date(Date.UTC(beijing.getUTCFullYear(), beijing.getUTCMonth() - back, 1));
    return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
  });
  for (const unit of units) {
    const population = Math.round(3000 + random() * 6000);
    for (const [step, month] of months.entries()) {
      const report = await indicators.report(actor, unit.id, month);
      if (report.indicators.length === 0 || report.version > 0) continue;
      const grow = (value: number) => Math.round(value * (1 + step * 0.004));
      const elderly = Math.round(population * (0.18 + random() * 0.1));
      const figures: Record<string, number> = {
        households: grow(Math.round(population / 2.6)),
        population: grow(population),
        registered: grow(Math.round(population * 0.7)),
        floating: grow(Math.round(population * 0.3)),
        'elderly-60': grow(elderly),
        'elderly-80': grow(Math.round(elderly * 0.17)),
        minors: grow(Math.round(population * 0.15)),
        disabled: Math.round(population * 0.012),
        'special-care': Math.round(population * 0.008),
        'party-activities': 2 + Math.floor(random() * 5),
        'volunteer-hours': Math.round(100 + random() * 400),
        'services-handled': Math.round(40 + random() * 120),
        visitors: Math.round(200 + random() * 500),
        mediations: 3 + Math.floor(random() * 8),
        'mediations-settled': 2 + Math.floor(random() * 3),
        satisfaction: Math.round((88 + random() * 10) * 10) / 10,
        'sorting-rate': Math.round((70 + random() * 25) * 10) / 10,
        'dibao-households': Math.round(population * 0.006),
        'dibao-people': Math.round(population * 0.01),
        'dibao-amount': Math.round(population * 0.01) * 1120,
        'criminal-cases': Math.floor(random() * 3),
        'public-order-cases': Math.floor(random() * 6),
        fires: Math.floor(random() * 1.3),
        patrols: 20 + Math.floor(random() * 40),
        'grid-inspections': 30 + Math.floor(random() * 30),
        'grid-events': 5 + Math.floor(random() * 15),
        'culture-events': 2 + Math.floor(random() * 6),
        participants: Math.round(80 + random() * 300),
        trainings: 1 + Math.floor(random() * 4),
      };
      figures['mediations-settled'] = Math.min(figures['mediations-settled']!, figures.mediations!);
      const values = Object.fromEntries(report.indicators.map((id) => [id, figures[id] ?? null]));
      const saved = await indicators.saveReport(actor, unit.id, month, values, 0);
      await indicators.submitReport(actor, unit.id, month);
      await indicators.reviewReport(actor, unit.id, month, { approve: true }, saved.version);
    }
  }
}
