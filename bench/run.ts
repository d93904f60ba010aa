/**
 * `npm run bench`: kiosk search and kiosk sync at 10,000 guides. Writes bench/results/*.json
 * (with the machine they ran on) and prints a short summary.
 */
import { machineInfo, writeResult } from './machine';
import { runSearchBench } from './search-bench';
import { runSyncBench } from './sync-bench';
import { syntheticGuides } from './synthetic-guides';

const GUIDE_COUNT = 10_000;

const machine = machineInfo();
console.log(`Linli benchmark on ${machine.cpuModel} ×${machine.cpuCount}, ${machine.totalMemGiB} GiB, Node ${machine.node}, SQLite ${machine.sqlite}`);
const guides = syntheticGuides(GUIDE_COUNT);

console.log(`\nSearch over ${GUIDE_COUNT} guides …`);
const search = runSearchBench(guides);
const searchFile = writeResult('search', machine, search);
const { linli, fts5Trigram: fts } = search;
console.log(`                     build ms   p50 ms   p95 ms   max ms   queries found`);
console.log(`  Linli index   ${row(linli.buildMs, linli.latency.p50Ms, linli.latency.p95Ms, linli.latency.maxMs)}   ${linli.queriesFound}/${search.queries}`);
console.log(`  FTS5 trigram  ${row(fts.buildMs, fts.latency.p50Ms, fts.latency.p95Ms, fts.latency.maxMs)}   ${fts.queriesFound}/${search.queries}`);
console.log(`  Linli heap after build ${linli.heapAfterBuildMB} MB (index ${linli.indexHeapMB} MB); first search ${linli.firstSearchMs} ms`);
console.log(`  Goal: ${search.goal} — ${search.goalMet ? 'met' : 'NOT MET'}`);
console.log(`  Hits per query (Linli / FTS5): ${search.perQuery.map((q) => `${q.query} ${q.linliHits}/${q.fts5Hits}`).join(', ')}`);
console.log(`  → ${searchFile}`);

console.log(`\nSync of ${GUIDE_COUNT} guides, then 10 edits …`);
const sync = await runSyncBench(guides);
const syncFile = writeResult('sync', machine, sync);
console.log(`                     ms        requests   bytes        changes`);
for (const [name, run] of [['full sync', sync.full], ['incremental', sync.incremental]] as const) {
  console.log(`  ${name.padEnd(13)} ${String(run.ms).padStart(9)}  ${String(run.requests).padStart(9)}  ${String(run.responseBytes).padStart(11)}  ${String(run.changesApplied).padStart(8)}`);
}
console.log(`  Guides in cache after full sync: ${sync.full.guidesInCache} (server import took ${sync.serverImportMs} ms)`);
console.log(`  Bytes incremental/full: ${sync.bytesRatio} (changes ${sync.changesRatio})`);
console.log(`  → ${syncFile}`);

function row(...values: number[]): string {
  return values.map((value) => String(value).padStart(8)).join(' ');
}
