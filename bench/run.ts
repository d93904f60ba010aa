/**
 * `npm run bench`: kiosk search and kiosk sync at 10,000 guides, media sync of 1 GB (with a cut),
 * media kept in a folder against in PostgreSQL, the push channel at 10,000 kiosks (and across 2 instances
 * on PostgreSQL for ten minutes), form printing, ID card reading, bills (query through the
 * gateway, pay → receipt printed, 200 kiosks at once), residents' cases (the kiosk's outbox, 50
 * kiosks sending at once, status lookups and Open311 on SQLite and PostgreSQL), a service hall's queue
 * (20 windows, 2,000 tickets: call → on display, double calls), signage (video
 * switches, player memory, approval and CAP alerts to 1,000 players) and community TV (a channel's
 * start → first segment, its segments against the clock, CPU per 720p channel, set-top boxes in
 * step), and service usage (a district's year from 500 kiosks: ingestion, dashboard queries on SQLite
 * and PostgreSQL), and a kiosk's processes as deployed against from source (memory, a restart to a
 * usable screen). Writes bench/results/*.json (with the
 * machine they ran on), prints a short summary and rewrites the README's measured figures.
 */
import path from 'node:path';
import pg from 'pg';
import { buildRuntime } from '../build/scripts/build-runtime';
import { runBillsBench } from './bills-bench';
import { runCasesBench } from './cases-bench';
import { runQueueBench } from './queue-bench';
import { machineInfo, RESULTS_DIR, writeResult } from './machine';
import { readResults, writeMeasuredSection } from './readme-figures';
import { runIdCardBench } from './id-card-bench';
import { runMediaStoreBench } from './media-store-bench';
import { runMediaSyncBench } from './media-sync-bench';
import { runPrintFormBench } from './print-form-bench';
import { runPushBench } from './push-bench';
import { runSearchBench } from './search-bench';
import { runSearchQualityBench } from './search-quality-bench';
import { printSignageSummary, runSignageBench, SIGNAGE_OPTIONS } from './signage-bench';
import { runSyncBench } from './sync-bench';
import { syntheticGuides } from './synthetic-guides';
import { printTvSummary, runTvBench, TV_OPTIONS } from './tv-bench';
import { runUsageBench } from './usage-bench';
import { runRuntimeBench } from './runtime-bench';

const GUIDE_COUNT = 10_000;
/** `npm run bench -- cases bills` runs only those; the README is still written from every results file. */
const only = new Set(process.argv.slice(2));
const runs = (name: string) => only.size === 0 || only.has(name);

const machine = machineInfo();
console.log(
  `Linli benchmark on ${machine.cpuModel} ×${machine.cpuCount}, ${machine.totalMemGiB} GiB, Node ${machine.node}, SQLite ${machine.sqlite}`,
);
const guides = syntheticGuides(GUIDE_COUNT);

if (runs('search')) {
  console.log(`\nSearch over ${GUIDE_COUNT} guides …`);
  const search = runSearchBench(guides);
  const searchFile = writeResult('search', machine, search);
  const { linli, fts5Trigram: fts } = search;
  console.log(`                     build ms   p50 ms   p95 ms   max ms   queries found`);
  console.log(
    `  Linli index   ${row(linli.buildMs, linli.latency.p50Ms, linli.latency.p95Ms, linli.latency.maxMs)}   ${linli.queriesFound}/${search.queries}`,
  );
  console.log(
    `  FTS5 trigram  ${row(fts.buildMs, fts.latency.p50Ms, fts.latency.p95Ms, fts.latency.maxMs)}   ${fts.queriesFound}/${search.queries}`,
  );
  console.log(
    `  Linli heap after build ${linli.heapAfterBuildMB} MB (index ${linli.indexHeapMB} MB); first search ${linli.firstSearchMs} ms`,
  );
  console.log(`  Goal: ${search.goal} — ${search.goalMet ? 'met' : 'NOT MET'}`);
  console.log(
    `  Hits per query (Linli / FTS5): ${search.perQuery.map((q) => `${q.query} ${q.linliHits}/${q.fts5Hits}`).join(', ')}`,
  );
  console.log(`  → ${searchFile}`);
}

if (runs('search-quality')) {
  console.log(`\nSearch ranking on judged resident queries over the demo guides …`);
  const quality = runSearchQualityBench();
  const qualityFile = writeResult('search-quality', machine, quality);
  for (const [name, ranking] of [
    ['Linli', quality.linli],
    ['FTS5 trigram', quality.fts5Trigram],
  ] as const)
    console.log(
      `  ${name.padEnd(13)} NDCG@3 ${ranking.ndcgAt3}  MRR ${ranking.mrr}  right in top 3 ${ranking.rightInTop3}  no result ${ranking.zeroResultRate}`,
    );
  console.log(`  Linli misses (no right answer in the first three): ${quality.linli.missed.join(', ') || 'none'}`);
  console.log(`  → ${qualityFile}`);
}

if (runs('sync')) {
  console.log(`\nSync of ${GUIDE_COUNT} guides, then 10 edits …`);
  const sync = await runSyncBench(guides);
  const syncFile = writeResult('sync', machine, sync);
  console.log(`                     ms        requests   bytes        changes`);
  for (const [name, run] of [
    ['full sync', sync.full],
    ['incremental', sync.incremental],
  ] as const) {
    console.log(
      `  ${name.padEnd(13)} ${String(run.ms).padStart(9)}  ${String(run.requests).padStart(9)}  ${String(run.responseBytes).padStart(11)}  ${String(run.changesApplied).padStart(8)}`,
    );
  }
  console.log(
    `  Guides in cache after full sync: ${sync.full.guidesInCache} (server import took ${sync.serverImportMs} ms)`,
  );
  console.log(`  Bytes incremental/full: ${sync.bytesRatio} (changes ${sync.changesRatio})`);
  console.log(`  → ${syncFile}`);
}

if (runs('media-sync')) {
  console.log(
    `\nA new kiosk syncing ${GUIDE_COUNT} content items with 1 GB of media, and again with the connection cut halfway …`,
  );
  const mediaSync = await runMediaSyncBench(guides);
  const mediaSyncFile = writeResult('media-sync', machine, mediaSync);
  console.log(
    `  feed: ${mediaSync.items} items in ${mediaSync.feed.ms} ms (${mediaSync.feed.requests} requests, ${mediaSync.feed.responseBytes} bytes)`,
  );
  console.log(
    `  media: ${mediaSync.mediaFiles} files, ${mediaSync.mediaBytes} bytes in ${mediaSync.media.ms} ms (${mediaSync.media.mbPerSec} MB/s), ${mediaSync.media.bytesDownloaded} bytes fetched`,
  );
  console.log(
    `  cut after ${mediaSync.cut.cutAfterBytes} bytes: then ${mediaSync.cut.secondAttemptBytes} more; fetched twice: ${mediaSync.cut.refetchedBytes} bytes; ${mediaSync.cut.filesComplete} files complete`,
  );
  console.log(`  → ${mediaSyncFile}`);
}

if (runs('media-store')) {
  const pgUrl = process.env.LINLI_TEST_PG_URL;
  if (!pgUrl) console.log('\nMedia store: skipped — set LINLI_TEST_PG_URL to a PostgreSQL it may create a schema on');
  else {
    console.log('\nMedia kept in a folder against in PostgreSQL (LINLI_MEDIA_STORE=database), one 100 MB video …');
    const store = await runMediaStoreBench(pgUrl);
    const storeFile = writeResult('media-store', machine, store);
    console.log(`                 store ms   read whole      64 KiB span p50 / p95   copy for ffmpeg`);
    for (const [name, figures] of [
      ['folder', store.folder],
      ['PostgreSQL', store.database],
    ] as const)
      console.log(
        `  ${name.padEnd(12)} ${String(figures.storeMs).padStart(9)}   ${String(figures.readMBPerSec).padStart(6)} MB/s   ${figures.span64KiBMs.p50Ms} / ${figures.span64KiBMs.p95Ms} ms   ${figures.localFileMs} ms`,
      );
    console.log(`  the database grew by ${Math.round(store.database.tableBytes / 1024 / 1024)} MB`);
    console.log(`  → ${storeFile}`);
  }
}

if (runs('push')) {
  console.log('\nPush channel: 10,000 enrolled kiosks on one admin server (SQLite), heartbeats every 30 s …');
  const push = await runPushBench({ devices: 10_000, heartbeatSec: 30, publishes: 5 });
  const pushFile = writeResult('push', machine, push);
  console.log(
    `  connected ${push.connected}/${push.devices} in ${push.connectMs} ms (enrolled in ${push.enrollMs} ms); heartbeats sent ${push.heartbeatsSent}, failed ${push.heartbeatFailures}`,
  );
  console.log(`                                p50 ms   p95 ms   max ms`);
  console.log(
    `  publish → every kiosk    ${row(push.publishToAllNotifiedMs.p50Ms, push.publishToAllNotifiedMs.p95Ms, push.publishToAllNotifiedMs.maxMs)}`,
  );
  console.log(
    `  publish → each kiosk     ${row(push.perDeviceNotifyMs.p50Ms, push.perDeviceNotifyMs.p95Ms, push.perDeviceNotifyMs.maxMs)}`,
  );
  console.log(`  server memory ${push.serverRssMB} MB; missed notifications ${push.missedNotifications}`);
  console.log(`  ${push.pollingAlternative}`);
  console.log(`  Goal: ${push.goal} — ${push.goalMet ? 'met' : 'NOT MET'}`);
  console.log(`  → ${pushFile}`);
}

if (runs('fleet-load')) {
  // A database of its own on the PostgreSQL the tests use, made afresh and dropped afterwards.
  const pgUrl = process.env.LINLI_TEST_PG_URL;
  if (!pgUrl) console.log('\nFleet load: skipped — set LINLI_TEST_PG_URL to a PostgreSQL it may create a database on');
  else {
    console.log('\nFleet load: 10,000 kiosks across 2 admin servers on PostgreSQL for 10 minutes …');
    // The servers as deployed: npm run build's runtime, built for this run.
    const runtimeDir = path.join(import.meta.dirname, '..', '.cache', 'fleet-load-runtime');
    await buildRuntime(runtimeDir);
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query('DROP DATABASE IF EXISTS linli_fleet_load');
    await admin.query('CREATE DATABASE linli_fleet_load');
    const databaseUrl = new URL(pgUrl);
    databaseUrl.pathname = '/linli_fleet_load';
    try {
      const load = await runPushBench({
        devices: 10_000,
        heartbeatSec: 30,
        publishes: 20,
        instances: 2,
        databaseUrl: databaseUrl.href,
        loadSec: 600,
        pullSec: 300,
        runtimeDir,
      });
      const loadFile = writeResult('fleet-load', machine, load);
      console.log(
        `  connected ${load.connected}/${load.devices}; heartbeats ${load.heartbeatsSent} (failed ${load.heartbeatFailures}), pulls ${load.pullsSent} (failed ${load.pullFailures}), streams dropped ${load.streamsDropped}, missed ${load.missedNotifications}`,
      );
      console.log(
        `  publish → every kiosk    ${row(load.publishToAllNotifiedMs.p50Ms, load.publishToAllNotifiedMs.p95Ms, load.publishToAllNotifiedMs.maxMs)}`,
      );
      console.log(`  memory per instance: ${load.instanceRssMB.join(' MB, ')} MB`);
      console.log(`  Goal: ${load.goal} — ${load.goalMet ? 'met' : 'NOT MET'}`);
      console.log(`  → ${loadFile}`);
    } finally {
      await admin.query('DROP DATABASE IF EXISTS linli_fleet_load WITH (FORCE)');
      await admin.end();
    }
  }
}

if (runs('print-form')) {
  console.log('\nA4 form printing (two-page 居住证明申请表, Chinese data incl. Ext-B) …');
  const print = await runPrintFormBench();
  const printFile = writeResult('print-form', machine, print);
  console.log(`                        PDF bytes   fill ms   print→completed ms`);
  console.log(
    `  subset fonts (Linli) ${String(print.sizeBytes.subsetFonts).padStart(11)} ${String(print.fill.medianMs).padStart(9)} ${String(print.printToCompleted.medianMs).padStart(12)}`,
  );
  console.log(
    `  whole fonts          ${String(print.sizeBytes.wholeFonts).padStart(11)} ${String(print.wholeFontFillMs).padStart(9)} ${String(print.wholeFontPrintToCompletedMs).padStart(12)}`,
  );
  console.log(`  Goal: ${print.goal} — ${print.goalMet ? 'met' : 'NOT MET'}`);
  console.log(`  → ${printFile}`);
}

if (runs('id-card')) {
  console.log('\nID card read-to-screen against the reader simulator …');
  const idCard = await runIdCardBench();
  const idCardFile = writeResult('id-card', machine, idCard);
  console.log(`                     p50 ms   p95 ms   max ms`);
  console.log(`  host read      ${row(idCard.hostReadMs.p50Ms, idCard.hostReadMs.p95Ms, idCard.hostReadMs.maxMs)}`);
  console.log(
    `  on screen      ${row(idCard.placedToScreenMs.p50Ms, idCard.placedToScreenMs.p95Ms, idCard.placedToScreenMs.maxMs)}`,
  );
  console.log(
    `  + wire time of a real reader: ${idCard.wireMsAt115200} ms at 115200 baud, ${idCard.wireMsAt9600} ms at 9600`,
  );
  console.log(`  → ${idCardFile}`);
}

if (runs('bills')) {
  console.log(
    '\nBills against the simulated utilities: query through the gateway, pay → receipt printed, 200 kiosks …',
  );
  const bills = await runBillsBench();
  const billsFile = writeResult('bills', machine, bills);
  const { query: billQuery, payToPrinted, concurrent } = bills;
  console.log(`${' '.repeat(26)}p50 ms   p95 ms   max ms`);
  for (const [name, stats] of [
    ['query, first ask', billQuery.firstAsk],
    ['query, repeat (cache)', billQuery.repeatAsk],
    ['provider in-process', billQuery.inProcessProvider],
    ['paid → receipt cut', payToPrinted.totalMs],
    ['  paid → kiosk heard', payToPrinted.paidToHeardMs],
    ['  heard → cut', payToPrinted.heardToPrintedMs],
    [`${concurrent.kiosks} kiosks at once`, concurrent.latency],
  ] as const)
    console.log(`  ${name.padEnd(21)} ${row(stats.p50Ms, stats.p95Ms, stats.maxMs)}`);
  console.log(
    `  ${concurrent.kiosks} kiosks: ${concurrent.requests} queries, ${concurrent.errors} errors, ${concurrent.requestsPerSec} queries/s (CPU per query: server ${concurrent.serverCpuMsPerQuery} ms, clients ${concurrent.clientCpuMsPerQuery} ms)`,
  );
  console.log(`  Goal: ${bills.goal} — ${bills.goalMet ? 'met' : 'NOT MET'}`);
  console.log(`  → ${billsFile}`);
}

if (runs('cases')) {
  console.log(
    "\nResidents' cases: the kiosk's outbox, 50 kiosks sending at once, status lookups, Open311 (SQLite and PostgreSQL) …",
  );
  const cases = await runCasesBench();
  const casesFile = writeResult('cases', machine, cases);
  console.log(
    `  outbox write (durable)  ${row(cases.outbox.durableWriteMs.p50Ms, cases.outbox.durableWriteMs.p95Ms, cases.outbox.durableWriteMs.maxMs)}`,
  );
  for (const [name, server] of [
    ['SQLite', cases.sqlite],
    ['PostgreSQL', cases.postgres],
  ] as const) {
    if ('skipped' in server) {
      console.log(`  ${name}: skipped — ${server.skipped}`);
      continue;
    }
    console.log(`  ${name}${' '.repeat(24 - name.length)}p50 ms   p95 ms   max ms`);
    for (const [label, stats] of [
      ['sent straight', server.directSendMs],
      [`${server.burst.kiosks} kiosks at once`, server.burst.latency],
      ['status (kiosk)', server.statusLookupMs],
      ['status page', server.statusPageMs],
      ['Open311 POST', server.open311PostMs],
      ['Open311 GET requests', server.open311RequestsMs],
    ] as const)
      console.log(`    ${label.padEnd(21)} ${row(stats.p50Ms, stats.p95Ms, stats.maxMs)}`);
    console.log(
      `    burst: ${server.burst.casesPerSecond} cases/s; a repeat gave the same case: ${server.repeatGaveSameCase}`,
    );
  }
  console.log(`  Goal: ${cases.goal} — ${cases.goalMet ? 'met' : 'NOT MET'}`);
  console.log(`  → ${casesFile}`);
}

if (runs('queue')) {
  console.log('\nThe service-hall queue: 20 windows, 2,000 tickets in a compressed day (SQLite and PostgreSQL) …');
  const queue = await runQueueBench();
  const queueFile = writeResult('queue', machine, queue);
  for (const [name, day] of [
    ['SQLite', queue.sqlite],
    ['PostgreSQL', queue.postgres],
  ] as const) {
    if ('skipped' in day) {
      console.log(`  ${name}: skipped — ${day.skipped}`);
      continue;
    }
    console.log(`  ${name}${' '.repeat(24 - name.length)}p50 ms   p95 ms   max ms`);
    for (const [label, stats] of [
      ['window action', day.actionLatency],
      ['call → display (push)', day.display],
      [`call → display (poll ${queue.pollEverySec} s)`, day.pollingDisplay],
    ] as const)
      console.log(`    ${label.padEnd(21)} ${row(stats.p50Ms, stats.p95Ms, stats.maxMs)}`);
    console.log(
      `    ${day.tickets} tickets, ${day.calls} calls in ${day.wallSec} s; double calls ${day.doubleCalls}, not finished ${day.notFinished}; server ${day.serverRssMB} MB`,
    );
  }
  console.log(`  Goal: ${queue.goal} — ${queue.goalMet ? 'met' : 'NOT MET'}`);
  console.log(`  → ${queueFile}`);
}

if (runs('signage')) {
  console.log('\nSignage: video switches, player memory, approval and CAP alerts to 1,000 players and a real screen …');
  const signage = await runSignageBench(SIGNAGE_OPTIONS);
  printSignageSummary(signage, writeResult('signage', machine, signage));
}

if (runs('tv')) {
  console.log(
    '\nCommunity TV with ffmpeg: channel start → first segment, segments against the clock, CPU per channel, boxes in step …',
  );
  const tv = await runTvBench(TV_OPTIONS, machine.cpuCount);
  printTvSummary(tv, writeResult('tv', machine, tv));
}

if (runs('usage')) {
  console.log("\nService usage: a district's year from 500 kiosks, ingested and queried (SQLite and PostgreSQL) …");
  const usage = await runUsageBench();
  const usageFile = writeResult('usage', machine, usage);
  for (const [name, result] of [
    ['SQLite', usage.sqlite],
    ['PostgreSQL', usage.postgres],
  ] as const) {
    if ('skipped' in result) {
      console.log(`  ${name}: skipped (${result.skipped})`);
      continue;
    }
    const { ingestion, queries } = result;
    console.log(
      `  ${name}: ${result.yearEvents.toLocaleString('en-US')} events in the year; ingestion ${ingestion.eventsPerSecond.toLocaleString('en-US')} events/s (batch p95 ${ingestion.batchMs.p95Ms} ms)`,
    );
    console.log(
      `    year p95: district ${queries.district.p95Ms} ms, street ${queries.street.p95Ms} ms, community ${queries.community.p95Ms} ms, search gaps ${queries.searchGaps.p95Ms} ms; raw sum of ${result.rawSumOfIngestedDays.rows.toLocaleString('en-US')} events p95 ${result.rawSumOfIngestedDays.p95Ms} ms`,
    );
    console.log(`    Goal: ${usage.goal} — ${result.goalMet ? 'met' : 'NOT MET'}`);
  }
  console.log(`  → ${usageFile}`);
}

if (runs('runtime')) {
  console.log(`\nA kiosk's processes as deployed (npm run build) and from source (npm start) …`);
  const runtime = await runRuntimeBench();
  const runtimeFile = writeResult('runtime', machine, runtime);
  for (const name of ['built', 'source'] as const) {
    const { kiosk, player, adminMemory } = runtime[name];
    console.log(
      `  ${name.padEnd(6)} kiosk ${kiosk.totalMB} MB (${kiosk.processes.map((entry) => `${entry.command} ${entry.rssMB}`).join(', ')}); restart → screen ${kiosk.restartToScreenMs.medianMs} ms (slowest ${kiosk.restartToScreenMs.maxMs} ms); player ${player.totalMB} MB; admin server ${adminMemory.totalMB} MB`,
    );
  }
  console.log(`  Goal: ${runtime.goal} — ${runtime.goalMet ? 'met' : 'NOT MET'}`);
  console.log(`  → ${runtimeFile}`);
}

const readme = path.resolve(import.meta.dirname, '../README.md');
if (writeMeasuredSection(readme, readResults(RESULTS_DIR)))
  console.log(`\nREADME.md: the measured figures were rewritten from ${RESULTS_DIR}`);

function row(...values: number[]): string {
  return values.map((value) => String(value).padStart(8)).join(' ');
}
