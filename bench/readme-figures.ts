/**
 * The README's "Measured" section, written from bench/results/*.json so its figures are the
 * measured ones, never typed by hand. `npm run bench` rewrites it; a test checks that the README
 * still says what the committed results say. Figures computed from measured ones are marked †.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { runBillsBench } from './bills-bench';
import type { runCasesBench } from './cases-bench';
import type { runQueueBench } from './queue-bench';
import type { runIdCardBench } from './id-card-bench';
import type { MachineInfo } from './machine';
import type { runMediaStoreBench } from './media-store-bench';
import type { runMediaSyncBench } from './media-sync-bench';
import type { runPrintFormBench } from './print-form-bench';
import type { runPushBench } from './push-bench';
import type { runSearchBench } from './search-bench';
import type { runSignageBench } from './signage-bench';
import type { RankingQuality } from './ranking-metrics';
import type { runSearchQualityBench } from './search-quality-bench';
import type { runSyncBench } from './sync-bench';
import type { runTvBench } from './tv-bench';
import type { runUsageBench } from './usage-bench';
import type { runRuntimeBench } from './runtime-bench';

export const README_START = '<!-- measured:start (written by npm run bench from bench/results; do not edit) -->';
export const README_END = '<!-- measured:end -->';

/** A results file: what the bench returned, with the machine and date writeResult adds. */
type Written<T> = Awaited<T> & { machine: MachineInfo; date: string };

export interface BenchResults {
  search: Written<ReturnType<typeof runSearchBench>>;
  'search-quality': Written<ReturnType<typeof runSearchQualityBench>>;
  /** Measured once, on the ranking this one replaced (fixed tiers, shortest title first). */
  'search-quality-tier-ranking': Written<{ commit: string; linli: RankingQuality }>;
  sync: Written<ReturnType<typeof runSyncBench>>;
  'media-sync': Written<ReturnType<typeof runMediaSyncBench>>;
  'media-store': Written<ReturnType<typeof runMediaStoreBench>>;
  push: Written<ReturnType<typeof runPushBench>>;
  'fleet-load': Written<ReturnType<typeof runPushBench>>;
  'print-form': Written<ReturnType<typeof runPrintFormBench>>;
  'id-card': Written<ReturnType<typeof runIdCardBench>>;
  bills: Written<ReturnType<typeof runBillsBench>>;
  cases: Written<ReturnType<typeof runCasesBench>>;
  queue: Written<ReturnType<typeof runQueueBench>>;
  signage: Written<ReturnType<typeof runSignageBench>>;
  tv: Written<ReturnType<typeof runTvBench>>;
  usage: Written<ReturnType<typeof runUsageBench>>;
  runtime: Written<ReturnType<typeof runRuntimeBench>>;
}

export function readResults(resultsDir: string): BenchResults {
  const read = <K extends keyof BenchResults>(name: K) =>
    JSON.parse(readFileSync(path.join(resultsDir, `${name}.json`), 'utf8')) as BenchResults[K];
  return {
    search: read('search'),
    'search-quality': read('search-quality'),
    'search-quality-tier-ranking': read('search-quality-tier-ranking'),
    sync: read('sync'),
    'media-sync': read('media-sync'),
    'media-store': read('media-store'),
    push: read('push'),
    'fleet-load': read('fleet-load'),
    'print-form': read('print-form'),
    'id-card': read('id-card'),
    bills: read('bills'),
    cases: read('cases'),
    queue: read('queue'),
    signage: read('signage'),
    tv: read('tv'),
    usage: read('usage'),
    runtime: read('runtime'),
  };
}

const ms = (value: number) => `${value < 1 ? value.toFixed(2) : value < 10 ? value.toFixed(1) : Math.round(value)} ms`;
/** Under a second in ms, else in seconds. */
const seconds = (milliseconds: number) =>
  milliseconds < 1000 ? ms(milliseconds) : `${(milliseconds / 1000).toFixed(1)} s`;
const mib = (bytes: number) => `${count(Math.round(bytes / 2 ** 20))} MiB`;
const kb = (bytes: number) => `${(bytes / 1000).toFixed(bytes < 100_000 ? 1 : 0)} KB`;
const mb = (bytes: number) => `${(bytes / 1_000_000).toFixed(bytes < 100_000_000 ? 1 : 0)} MB`;
const count = (value: number) => value.toLocaleString('en-US');

/** The section's text (between the markers), from the results. */
export function measuredSection(results: BenchResults): string {
  const { search, sync, push } = results;
  const quality = results['search-quality'];
  const before = results['search-quality-tier-ranking'];
  const share = (value: number) => `${Math.round(value * 100)} %`;
  const qualityRow = (label: string, figure: (ranking: RankingQuality) => string) =>
    `| ${label} | ${figure(quality.linli)} | ${figure(before.linli)} | ${figure(quality.fts5Trigram)} |`;
  const media = results['media-sync'];
  const print = results['print-form'];
  const idCard = results['id-card'];
  const { bills, signage } = results;
  const paying = bills.payToPrinted;
  const burst = bills.concurrent;
  const gap = signage.switchGap;
  const heap = signage.memory.points;
  const pOf = (stats: { p50Ms: number; p95Ms: number }) => `p50 ${ms(stats.p50Ms)} / p95 ${ms(stats.p95Ms)}`;
  const pollingP95 = (intervalSec: number) => `${(0.95 * intervalSec).toFixed(1).replace(/\.0$/, '')} s`;
  return [
    `## Measured (\`npm run bench\`, ${idCard.machine.cpuCount}-core ${idCard.machine.cpuModel}, Node ${idCard.machine.node.replace(/^v/, '')})`,
    '',
    `| | Linli kiosk index | plain SQLite FTS5 trigram |`,
    `| --- | --- | --- |`,
    `| search over ${count(search.guides)} guides, p50 / p95 | ${ms(search.linli.latency.p50Ms)} / ${ms(search.linli.latency.p95Ms)} | ${ms(search.fts5Trigram.latency.p50Ms)} / ${ms(search.fts5Trigram.latency.p95Ms)} |`,
    `| index build | ${seconds(search.linli.buildMs)} | ${seconds(search.fts5Trigram.buildMs)} |`,
    `| of ${search.queries} typical queries (${search.perQuery
      .slice(0, 4)
      .map((q) => q.query)
      .join(', ')} …), how many find anything | ${search.linli.queriesFound} | ${search.fts5Trigram.queriesFound} |`,
    `| memory (heap of the index; FTS5: database size) | ${count(Math.round(search.linli.indexHeapMB))} MB | ${count(Math.round(search.fts5Trigram.dbSizeMB))} MB |`,
    '',
    `Ranking, on ${quality.queries} judged resident queries over the ${quality.guides} demo guides (words, abbreviations, pinyin, initials, 繁體, questions, everyday words, typos; [kiosk-app/test/judged-queries.json](kiosk-app/test/judged-queries.json)):`,
    '',
    `| | Linli | Linli before (fixed tiers, commit ${before.commit}) | plain SQLite FTS5 trigram |`,
    `| --- | --- | --- | --- |`,
    qualityRow('NDCG@3', (ranking) => ranking.ndcgAt3.toFixed(2)),
    qualityRow('MRR', (ranking) => ranking.mrr.toFixed(2)),
    qualityRow('a right answer in the first three', (ranking) => share(ranking.rightInTop3)),
    qualityRow('answerable queries listing nothing', (ranking) => share(ranking.zeroResultRate)),
    '',
    `Sync into an empty kiosk: ${count(sync.full.changesApplied)} guides in ${seconds(sync.full.ms)} (${sync.full.requests} requests, ${mb(sync.full.responseBytes)}); ${sync.incremental.changesApplied} changes on top:`,
    `${ms(sync.incremental.ms)}, ${sync.incremental.requests} request, ${kb(sync.incremental.responseBytes)} — the cost follows the changes, not the catalog.`,
    '',
    `| two-page 居住证明申请表 filled with Chinese (incl. Ext-B) | subset fonts (Linli) | whole fonts embedded |`,
    `| --- | --- | --- |`,
    `| PDF size | ${kb(print.sizeBytes.subsetFonts)} | ${mb(print.sizeBytes.wholeFonts)} |`,
    `| fill | ${seconds(print.fill.medianMs)} | ${seconds(print.wholeFontFillMs)} |`,
    `| "print" → job completed at the printer (${print.printToCompleted.printer}) | ${seconds(print.printToCompleted.medianMs)} | ${seconds(print.wholeFontPrintToCompletedMs)} |`,
    '',
    `A new kiosk syncing **${count(media.items)} content items with ${mib(media.mediaBytes)} of media** (${media.mediaFiles} files): the feed in ${seconds(media.feed.ms)}`,
    `(${media.feed.requests} requests, ${mb(media.feed.responseBytes)}), the ${media.mediaFiles} files in ${seconds(media.media.ms)} over loopback (${media.media.mbPerSec} MB/s †,`,
    `${count(media.media.bytesDownloaded)} bytes fetched for ${count(media.mediaBytes)} bytes of files). With the connection cut after ${mib(media.cut.cutAfterBytes)},`,
    `the second attempt fetched ${mib(media.cut.secondAttemptBytes)} more and **${count(media.cut.refetchedBytes)} bytes twice**: finished files are never fetched`,
    'again and the cut files resume from their partial size (`Range`/`If-Range`). A player without',
    `resume starts the files in flight over; one that re-syncs everything fetches all ${mib(media.mediaBytes)} again.`,
    '',
    `Push channel on one admin-server process (SQLite): **${count(push.connected)} enrolled kiosks** kept connected to`,
    `\`/api/v1/sync/events\` while each sends a heartbeat every ${push.heartbeatSec} s (${count(push.heartbeatsSent)} heartbeats during the run,`,
    `${push.heartbeatFailures} failed); a publish reaches **every** kiosk in p50 ${ms(push.publishToAllNotifiedMs.p50Ms)} / p95 ${ms(push.publishToAllNotifiedMs.p95Ms)} (each kiosk: p50`,
    `${ms(push.perDeviceNotifyMs.p50Ms)}, p95 ${ms(push.perDeviceNotifyMs.p95Ms)}), ${push.missedNotifications} missed; the server holds ${push.serverRssMB} MB with all streams open. The`,
    `alternative a user would otherwise pick, polling, waits on average half its interval: p95 ≈ ${pollingP95(30)} † at`,
    `30 s, ${pollingP95(300)} † at Xibo's default 300 s.`,
    '',
    ...fleetLoadParagraph(results['fleet-load']),
    '',
    ...mediaStoreParagraph(results['media-store']),
    '',
    `ID card read against the reader simulator: card placed → decoded in the host p50 ${ms(idCard.hostReadMs.p50Ms)} / p95`,
    `${ms(idCard.hostReadMs.p95Ms)} (the host polls every ${idCard.pollIntervalMs} ms while a screen waits); card placed → masked card on screen`,
    `p50 ${ms(idCard.placedToScreenMs.p50Ms)}, p95 ${ms(idCard.placedToScreenMs.p95Ms)}. A real reader adds its wire time (${ms(idCard.wireMsAt115200)} † for find, select and`,
    `read at 115200 baud) and its own time to talk to the card.`,
    '',
    `Bills (查缴水电气) against the simulated utilities on an admin-server process, asked over HTTP by a kiosk with its`,
    `device credentials: a query through the gateway takes ${pOf(bills.query.firstAsk)} when the utility is`,
    `asked (${bills.query.firstAsk.asks} first asks on ${bills.query.firstAsk.servers} fresh servers) and ${pOf(bills.query.repeatAsk)} when the gateway's 60 s cache answers`,
    `(goal p95 < 300 ms); the simulator called in-process takes ${pOf(bills.query.inProcessProvider)} — the rest is the`,
    `gateway, HTTP, credentials, audit and the kiosk's reply check. Paid on the phone → the receipt cut on a 58 mm printer`,
    `simulator: ${pOf(paying.totalMs)} over ${paying.payments} payments (the kiosk hears it on its long poll in p50 ${ms(paying.paidToHeardMs.p50Ms)},`,
    `then fetches and prints the receipt in p50 ${ms(paying.heardToPrintedMs.p50Ms)}). **${count(burst.kiosks)} kiosks asking at once**, ${burst.queriesPerKiosk} queries each:`,
    `${count(burst.requests)} queries, ${burst.errors} errors, ${pOf(burst.latency)} (max ${ms(burst.latency.maxMs)}), ${count(burst.requestsPerSec)} queries/s †, with the server and all`,
    `${burst.kiosks} clients on the same ${bills.machine.cpuCount} cores (CPU per query: server ${ms(burst.serverCpuMsPerQuery)}, clients ${ms(burst.clientCpuMsPerQuery)}), so a query mostly waits its turn.`,
    '',
    ...casesParagraph(results.cases),
    '',
    ...queueParagraph(results.queue),
    '',
    `Signage player (the web player in Chromium): video → video over ${gap.linli.switches} switches, **${gap.linli.blackFrames} black frames**`,
    `in ${count(gap.linli.samples)} animation frames (two \`<video>\`s per zone, the next brought to the front after it presented a frame); a`,
    `single \`<video>\` whose \`src\` is swapped at \`ended\`, as a simple player does: ${gap.naiveSingleVideo.blackFrames} black frames over ${gap.naiveSingleVideo.switches} switches (up to`,
    `${gap.naiveSingleVideo.blackFramesPerSwitch.max} at one switch). Over ${count(heap.at(-1)!.switches)} item switches (1 s image, text and notice items in 2 zones, the page's clock sped`,
    `up) the JS heap after GC was ${heap.map((point) => point.jsHeapUsedMB.toFixed(1)).join(' → ')} MB and the DOM nodes ${heap.map((point) => count(point.domNodes)).join(' → ')} (at`,
    `${heap.map((point) => count(point.switches)).join(', ')} switches). With **${count(signage.publish.simulatedPlayers)} simulated players** on the push channel and`,
    `${signage.publish.realPlayers} real player in Chromium: after the approval's reply, a publication is pulled with its signed bundle by every player in`,
    `${pOf(signage.publish.toEverySimulatedPlayerMs)} and on the real screen in ${pOf(signage.publish.toScreenMs)}; a CAP`,
    `alert, from its POST, is on every player in ${pOf(signage.cap.toEverySimulatedPlayerMs)} and on the screen in`,
    `${pOf(signage.cap.toScreenMs)} (goal < 2 s).`,
    '',
    ...tvParagraph(results.tv),
    '',
    ...usageParagraph(results.usage),
    '',
    ...runtimeParagraph(results.runtime),
    '',
    '† computed from the measured figures, not measured itself. Full figures and the machine',
    'description are in `bench/results/`.',
  ].join('\n');
}

/** Residents' cases: the outbox's durable write beside a send, the burst, lookups and Open311 on both databases. */
function casesParagraph(cases: BenchResults['cases']): string[] {
  const pOf = (stats: { p50Ms: number; p95Ms: number }) => `p50 ${ms(stats.p50Ms)} / p95 ${ms(stats.p95Ms)}`;
  const { sqlite, postgres, outbox } = cases;
  const pgFigures =
    'skipped' in postgres
      ? [`(PostgreSQL was not measured: ${postgres.skipped}).`]
      : [
          `On PostgreSQL: sent straight ${pOf(postgres.directSendMs)}, ${postgres.burst.kiosks} kiosks at once ${pOf(postgres.burst.latency)} (${count(Math.round(postgres.burst.casesPerSecond))} cases/s †),`,
          `status ${pOf(postgres.statusLookupMs)}, Open311 POST ${pOf(postgres.open311PostMs)}, GET requests ${pOf(postgres.open311RequestsMs)}.`,
        ];
  return [
    `Residents' cases (诉求) from kiosks to an admin-server process over HTTP: the kiosk's outbox writes a case to`,
    `\`cases.sqlite\` (every commit to the disk) in ${pOf(outbox.durableWriteMs)} — what the resident waits for before`,
    `已提交 — where sending it straight to the server would take ${pOf(sqlite.directSendMs)} (SQLite) and fail offline.`,
    `**${sqlite.burst.kiosks} kiosks sending ${sqlite.burst.casesPerKiosk} cases each at once** (as outboxes do after an outage): ${pOf(sqlite.burst.latency)},`,
    `${count(Math.round(sqlite.burst.casesPerSecond))} cases/s † (goal p95 < 300 ms); a case sent again ${sqlite.repeatGaveSameCase ? 'was' : 'was NOT'} the same case. With ${count(sqlite.casesInDatabase)} cases`,
    `stored, a resident's status lookup (tracking number + last 4 digits) takes ${pOf(sqlite.statusLookupMs)} from the kiosk and`,
    `${pOf(sqlite.statusPageMs)} for the /case-status page; an Open311 app posts a case in ${pOf(sqlite.open311PostMs)} and lists its`,
    `${sqlite.open311Listed} open requests in ${pOf(sqlite.open311RequestsMs)}.`,
    ...pgFigures,
  ];
}

/** The service-hall queue: a compressed day of 20 windows, pushed calls beside a polling display, on both databases. */
function queueParagraph(queue: BenchResults['queue']): string[] {
  const pOf = (stats: { p50Ms: number; p95Ms: number }) => `p50 ${ms(stats.p50Ms)} / p95 ${ms(stats.p95Ms)}`;
  const { sqlite, postgres } = queue;
  const pgFigures =
    'skipped' in postgres
      ? [`(PostgreSQL was not measured: ${postgres.skipped}).`]
      : [
          `On PostgreSQL: call → on display ${pOf(postgres.display)} (polling ${pOf(postgres.pollingDisplay)}), ${postgres.doubleCalls} double calls, ${postgres.notFinished} tickets`,
          `left, the day in ${postgres.wallSec} s, server ${count(postgres.serverRssMB)} MB.`,
        ];
  return [
    `The service-hall queue on an admin-server process over HTTP: **${queue.windows} windows serving every business work`,
    `${count(queue.tickets)} tickets** that ${queue.kiosks} kiosks keep taking meanwhile, each window pressing 叫号 again as soon as it has finished,`,
    `so many press it at the same instant (a day compressed into ${sqlite.wallSec} s on SQLite). From 叫号 to a calling`,
    `display (a signage player on the hall's calls stream) holding the call: ${pOf(sqlite.display)} (goal p95 < 500 ms; a window's action itself`,
    `${pOf(sqlite.actionLatency)}, every action of the hall taking its turn); a display polling every ${queue.pollEverySec} s instead:`,
    `${pOf(sqlite.pollingDisplay)}. **${sqlite.doubleCalls} double calls**, ${sqlite.notFinished} tickets left; the server held ${count(sqlite.serverRssMB)} MB at the end.`,
    ...pgFigures,
  ];
}

/** Community TV: a channel's start, its segments against the clock, its CPU, and set-top boxes in step. */
function tvParagraph(tv: BenchResults['tv']): string[] {
  const { firstSegment: start, segments, cpu, boxes } = tv;
  const p50Max = (stats: { p50Ms: number; maxMs: number }) =>
    `p50 ${seconds(stats.p50Ms)} / max ${seconds(stats.maxMs)}`;
  const pOf = (stats: { p50Ms: number; p95Ms: number }) => `p50 ${ms(stats.p50Ms)} / p95 ${ms(stats.p95Ms)}`;
  const off = (value: number) => (value === 0 ? '0 ms' : ms(value));
  const bootsSec = tv.options.boxBootsMs.map((boot) => (boot / 1000).toFixed(1).replace(/\.0$/, ''));
  const boots = `${bootsSec.slice(0, -1).join(', ')} and ${bootsSec.at(-1)}`;
  return [
    `Community TV (社区电视) with Debian's ${tv.ffmpeg.replace(/^ffmpeg version /, 'ffmpeg ')}, ${tv.format.width}×${tv.format.height} at ${tv.format.fps} fps in ${tv.format.segmentSec} s segments:`,
    `a channel started → its first segment listed in ${p50Max(start.noticeSlide)} on a Chinese notice slide and`,
    `${p50Max(start.video)} on a video (${start.starts} starts each; a channel's first segment ends at the next ${tv.format.segmentSec} s mark of the clock);`,
    `a plain \`ffmpeg -re -loop 1 -i slide.png … -f hls\` on the same slide with the same settings, started cold: ${p50Max(start.plainFfmpegSlide)}.`,
    `Over ${Math.round(segments.wallSec)} s with an item boundary every ${segments.itemSec} s (notice, video, card): ${segments.segments} segments, EXTINF mean`,
    `${segments.extinf.meanSec.toFixed(3)} s, at most ${off(segments.extinf.maxDeviationMs)} off the ${segments.targetSec} s target; a segment's file is on disk ${pOf(segments.appearedLagMs)}`,
    `after its PROGRAM-DATE-TIME and listed in the playlist ${pOf(segments.listedLagMs)} after it (its own ${segments.targetSec} s included).`,
    `A 720p channel's ffmpeg processes take **${cpu.slide.percentOfOneCore} % of a core on a slide, ${cpu.video.percentOfOneCore} % on a video** (ffmpeg's test pattern, easier`,
    `to encode than camera footage; over ${Math.round(cpu.slide.wallSec)} s each; resident ${Math.round(cpu.slide.ffmpegRssMB.max)} / ${Math.round(cpu.video.ffmpegRssMB.max)} MB), so these ${cpu.cores} cores make about **${cpu.channelsThisMachine} channels** † at ${Math.round(cpu.coreBudget * 100)} % load.`,
    `Three set-top boxes (the TV page in Chromium) booted at ${boots} s on a channel of short videos, sampled at the same instants every`,
    `${boxes.sampleEveryMs} ms for ${tv.options.boxSampleSec} s (${boxes.airingsCovered} video airings): the same item at ${boxes.sameItemInstants} of ${boxes.instants} instants, their pictures`,
    `**${pOf(boxes.offsetMs)} (max ${ms(boxes.offsetMs.maxMs)}) apart**; boxes that each start their playlist at boot stay as far apart`,
    `as they booted: p50 ${seconds(boxes.playlistAtBootOffsetMs.p50Ms)} / max ${seconds(boxes.playlistAtBootOffsetMs.maxMs)} †.`,
  ];
}

/** Service usage: a district's year ingested and queried, on both databases, beside summing raw events. */
function usageParagraph(usage: BenchResults['usage']): string[] {
  const { shape } = usage;
  const pOf = (stats: { p50Ms: number; p95Ms: number }) => `p50 ${ms(stats.p50Ms)} / p95 ${ms(stats.p95Ms)}`;
  const rows = (['sqlite', 'postgres'] as const).map((name) => {
    const result = usage[name];
    const label = name === 'sqlite' ? 'SQLite' : 'PostgreSQL';
    if ('skipped' in result) return `| ${label} | skipped: ${result.skipped} | | | | | |`;
    const { ingestion, queries, rawSumOfIngestedDays: raw } = result;
    return `| ${label} | ${count(ingestion.eventsPerSecond)} events/s (batch of ${shape.batch}: ${pOf(ingestion.batchMs)}) | ${pOf(queries.district)} | ${pOf(queries.street)} | ${pOf(queries.community)} | ${pOf(queries.searchGaps)} | ${pOf(raw)} |`;
  });
  const sqlite = usage.sqlite;
  const events = 'skipped' in sqlite ? 0 : sqlite.yearEvents;
  const ingested = 'skipped' in sqlite ? 0 : sqlite.ingestion.events;
  return [
    `Service usage (使用统计) of a district: ${count(shape.kiosks)} kiosks in ${shape.communities} communities of ${shape.streets} streets, a synthetic year of`,
    `**${count(events)} events**; the last ${shape.ingestedDays} days (${count(ingested)} events) uploaded through the service in the kiosks' batches, the`,
    `rest written as the facts those uploads leave. The dashboard's queries over the **whole year**, through the routes:`,
    '',
    `| | ingestion | district | street | community | search gaps (district) | plain design: summing the ${shape.ingestedDays} days' raw events |`,
    `| --- | --- | --- | --- | --- | --- | --- |`,
    ...rows,
    '',
    `Goal: ${usage.goal}. A year of raw events is about ${Math.round(shape.days / shape.ingestedDays)}× the rows summed in the last column †.`,
    ...reportLines(usage),
  ];
}

/** 统计报表 over the same year: run by street and by month, and the PDFs (each chart drawn by the server). */
function reportLines(usage: BenchResults['usage']): string[] {
  const pOf = (stats: { p50Ms: number; p95Ms: number }) => `p50 ${ms(stats.p50Ms)} / p95 ${ms(stats.p95Ms)}`;
  return (['sqlite', 'postgres'] as const).flatMap((name) => {
    const result = usage[name];
    if ('skipped' in result || !('reportByStreet' in result.queries)) return [];
    const label = name === 'sqlite' ? 'SQLite' : 'PostgreSQL';
    const { queries, pdfs } = result;
    return [
      '',
      `Reports (统计报表) over the year on ${label}: the district by street ${pOf(queries.reportByStreet)}, by month ${pOf(queries.reportByMonth)};`,
      `as an A4 PDF with its chart ${pOf(pdfs.yearByStreet)}; a street's one-click monthly report (all its tables, two charts) ${pOf(pdfs.streetMonthly)}.`,
    ];
  });
}

/** Media in a folder against in PostgreSQL (LINLI_MEDIA_STORE=database). */
function mediaStoreParagraph(store: BenchResults['media-store']): string[] {
  const { folder, database } = store;
  const row = (label: string, figures: typeof folder) =>
    `| ${label} | ${ms(figures.storeMs)} | ${figures.readMBPerSec} MB/s | ${ms(figures.span64KiBMs.p50Ms)} / ${ms(figures.span64KiBMs.p95Ms)} | ${ms(figures.localFileMs)} |`;
  return [
    `Media kept in PostgreSQL (\`LINLI_MEDIA_STORE=database\`, for instances that share no folder) beside the media folder, for one`,
    `${mib(store.videoBytes)} video, read by another instance that holds no copy (PostgreSQL on the same machine):`,
    '',
    '| | store it | read it whole | a 64 KiB span, p50 / p95 | a file for ffmpeg |',
    '| --- | --- | --- | --- | --- |',
    row('media folder', folder),
    row('PostgreSQL', database),
    '',
    `The database grows by ${mib(database.tableBytes)} for it. A reader gets about ${Math.round(database.readMBPerSec * 8 * 1.048576)} Mbit/s from PostgreSQL, and a seek`,
    'costs a millisecond or two: enough for devices on a hall network. The folder here is a local disk (storing is',
    "one rename); a shared file system adds its network's time, and stays the faster choice where one is at hand.",
  ];
}

/** A kiosk's processes as deployed (`npm run build`) beside the same kiosk from source (`npm start`). */
/** Several instances on PostgreSQL under a fleet's load for minutes. */
function fleetLoadParagraph(load: BenchResults['fleet-load']): string[] {
  const errors = load.heartbeatFailures + load.pullFailures + load.streamsDropped + load.missedNotifications;
  return [
    `A fleet's load on **${load.instances} admin-server processes sharing one PostgreSQL database** (${load.runsFrom === 'built' ? 'the built runtime, as deployed' : 'run from source'}) for ${Math.round(load.loadSec / 60)} minutes:`,
    `${count(load.connected)} kiosks spread over them on the push channel, each sending a heartbeat every ${load.heartbeatSec} s`,
    `(${count(load.heartbeatsSent)} sent) and pulling its feed (${count(load.pullsSent)} pulls), ${load.publishes} publishes sent to each instance in turn: a`,
    `publish reaches **every** kiosk on both instances in p50 ${ms(load.publishToAllNotifiedMs.p50Ms)} / p95 ${ms(load.publishToAllNotifiedMs.p95Ms)} (LISTEN/NOTIFY`,
    `between them), with **${errors} errors** (failed heartbeats and pulls, dropped streams, missed notifications);`,
    `each instance held at most ${load.instanceRssMB.map((rss) => `${rss} MB`).join(' and ')}.`,
  ];
}

function runtimeParagraph(runtime: BenchResults['runtime']): string[] {
  const megabytes = (value: number) => `${Math.round(value)} MB`;
  const parts = (memory: { processes: { command: string; rssMB: number }[] }) =>
    memory.processes.map((entry) => `${entry.command} ${megabytes(entry.rssMB)}`).join(', ');
  const row = (label: string, result: BenchResults['runtime']['built']) =>
    `| ${label} | **${megabytes(result.kiosk.totalMB)}** (${parts(result.kiosk)}) | ${megabytes(result.kiosk.totalPssMB)} | ${seconds(result.kiosk.restartToScreenMs.medianMs)} (slowest ${seconds(result.kiosk.restartToScreenMs.maxMs)}) | ${megabytes(result.player.totalMB)} | ${megabytes(result.adminMemory.totalMB)} |`;
  return [
    `What is deployed runs as bundles under plain Node with its screens built beforehand (\`npm run build\`, built in`,
    `${seconds(runtime.buildMs)}); \`npm start\` runs the same code from source through tsx and bundles the screens at start. The`,
    `resident memory of every process (the highest of ${runtime.samples} samples, the kiosk in a visit with a search, its simulated`,
    `ID card reader and printers on its device worker; deployed, under the launcher systemd runs), whole (RSS) and with the`,
    `pages they share, such as Node's own, counted once (PSS), and ${runtime.restarts} restarts of an enrolled kiosk to its attract`,
    `screen in the kiosk's Chromium (already running):`,
    '',
    `| | a kiosk's processes (RSS) | the same, PSS | restart → usable screen, median | signage player | admin server |`,
    `| --- | --- | --- | --- | --- | --- |`,
    row('built (deployed)', runtime.built),
    row('from source (`npm start`)', runtime.source),
    '',
    `Goal: ${runtime.goal} — ${runtime.goalMet ? 'met' : 'not met'}. Summed RSS counts the pages of Node itself, shared by`,
    `the launcher, the host and the worker, once in each: by that sum the deployed kiosk holds ${Math.round(runtime.built.kiosk.totalMB)} MB${runtime.built.kiosk.totalMB < 250 ? '' : ', over 250 MB'}.`,
  ];
}

/** Replaces the section between the markers in the README; returns whether anything changed. */
export function writeMeasuredSection(readmeFile: string, results: BenchResults): boolean {
  const readme = readFileSync(readmeFile, 'utf8');
  const updated = withMeasuredSection(readme, results);
  if (updated !== readme) writeFileSync(readmeFile, updated);
  return updated !== readme;
}

export function withMeasuredSection(readme: string, results: BenchResults): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) throw new Error(`README has no ${README_START} … ${README_END} block`);
  return `${readme.slice(0, start + README_START.length)}\n${measuredSection(results)}\n${readme.slice(end)}`;
}
