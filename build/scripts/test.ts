// `npm test`: lint, typecheck, then every *.test.ts(x) under node:test (Node 20's runner takes
// no globs, so the files are listed here). Exits non-zero when any step fails.
// `npm run test:fast` (--fast): the same without the files that need a browser, CUPS or a spawned
// stack, for the inner loop. Named files (`npm test -- a.test.ts`) run alone, without lint.
// The failed tests are listed again at the end (failure-summary.mjs), and a test fails after 10 min.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeRendererFiles } from '../../kiosk-app/shells/common/renderer-build';
import { writePlayerPageFiles } from '../../signage-player/shells/browser/player-page';

const root = path.resolve(import.meta.dirname, '../..');
const skipDirs = new Set(['node_modules', '.git', 'data', 'dist', '.cache']);

function findTests(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return skipDirs.has(entry.name) ? [] : findTests(full);
    return /\.test\.tsx?$/.test(entry.name) ? [path.relative(root, full)] : [];
  });
}

/**
 * A file that drives Chromium (test/e2e, or one connecting to a Chromium it started), prints
 * through a private cupsd, spawns Linli's own processes with tsx, or makes live TV streams (an
 * ffmpeg encoding in real time, which would starve a quick shard's timings). These take most of the run's
 * time, so they start first (the longest ones end last otherwise) and `--fast` leaves them out.
 */
function needsStack(file: string, source: string): boolean {
  return (
    file.startsWith('test/e2e/') ||
    /cups-fixture|'--import', 'tsx'|connectOverCDP|launchChromium|startScreenBrowser|createChannelStream\(/.test(source)
  );
}

/**
 * Files that take far longer than the others (measured: 20 restarts of the player host, about
 * 2 minutes; 100 kills each of a kiosk host and an admin server, about 90 s): started last, they
 * would run alone at the end of the suite.
 */
const LONGEST = ['test/e2e/proof-of-play.test.ts', 'test/e2e/case-durability.test.ts'];

const args = process.argv.slice(2);
const fast = args.includes('--fast');
const only = args.filter((arg) => arg !== '--fast');
const node = (script: string, scriptArgs: string[]) =>
  execFileSync(process.execPath, [path.join(root, script), ...scriptArgs], { stdio: 'inherit', cwd: root });
if (only.length === 0) {
  console.log('lint');
  node('node_modules/eslint/bin/eslint.js', ['--max-warnings', '0', '.']);
  // The layout is Prettier's (.prettierrc.json); `npm run format` fixes what this finds.
  node('node_modules/prettier/bin/prettier.cjs', ['--check', '--log-level', 'warn', '.']);
  node('node_modules/tsx/dist/cli.mjs', ['build/scripts/typecheck.ts']);
}

const all = findTests(root).sort();
const stack = all.filter((file) => needsStack(file, readFileSync(path.join(root, file), 'utf8')));
const quick = all.filter((file) => !stack.includes(file));

/**
 * The quick files run in a few processes that import many of them each, not one process per file:
 * starting Node and loading the modules through tsx costs more than most of these files' tests
 * (measured: 75 quick files took 132 s one process each, 56 s in a single process). Files are
 * dealt out largest first to the shard with the least source so far, so the shards end together.
 */
function shardFiles(files: string[], count: number, dir: string): string[] {
  const shards = Array.from({ length: count }, () => ({ size: 0, files: [] as string[] }));
  const bySize = files
    .map((file) => ({ file, size: readFileSync(path.join(root, file)).length }))
    .sort((a, b) => b.size - a.size);
  for (const { file, size } of bySize) {
    const smallest = shards.reduce((least, shard) => (shard.size < least.size ? shard : least));
    smallest.files.push(file);
    smallest.size += size;
  }
  return shards.map((shard, index) => {
    const entry = path.join(dir, `quick-${index + 1}.test.mjs`);
    writeFileSync(
      entry,
      shard.files
        .sort()
        .map((file) => `import ${JSON.stringify(pathToFileURL(path.join(root, file)).href)};\n`)
        .join(''),
    );
    return entry;
  });
}

const cores = os.availableParallelism();
const shardDir = mkdtempSync(path.join(os.tmpdir(), 'linli-test-shards-'));
let files: string[];
if (only.length > 0) files = only;
else {
  const shards = shardFiles(quick, Math.max(2, cores), shardDir);
  // The longest file of all first, then the browser tests, then the other stack tests: the
  // longest start first, and the quick shards fill in around them.
  const byLength = (file: string) => (LONGEST.includes(file) ? 0 : file.startsWith('test/e2e/') ? 1 : 2);
  files = fast ? shards : [...[...stack].sort((a, b) => byLength(a) - byLength(b)), ...shards];
}
// The admin UI and the kiosk renderer are bundled once here, for every server the tests start
// (each would otherwise bundle its own, 0.2 s a start).
if (!fast) {
  node('node_modules/tsx/dist/cli.mjs', ['admin-server/src/cli.ts', 'build-ui', path.join(shardDir, 'admin-ui')]);
  await writeRendererFiles(path.join(shardDir, 'renderer'));
  await writePlayerPageFiles(path.join(shardDir, 'player-page'));
  process.env.LINLI_ADMIN_UI_DIR = path.join(shardDir, 'admin-ui');
  process.env.LINLI_RENDERER_DIR = path.join(shardDir, 'renderer');
  process.env.LINLI_PLAYER_PAGE_DIR = path.join(shardDir, 'player-page');
}
// The admin servers tests start make no TV streams (an ffmpeg each, on two cores) unless a test
// about them asks (LINLI_TV_STREAMS=on in its own environment).
process.env.LINLI_TV_STREAMS ??= 'off';
const pg = process.env.LINLI_TEST_PG_URL ? ' (PostgreSQL variant on)' : '';
const counted = only.length > 0 ? only.length : fast ? quick.length : all.length;
console.log(`running ${counted} test files${fast ? ` (fast: ${stack.length} stack files left out)` : ''}${pg}`);
// Stack tests run a browser and two servers each: one per core is what the machine carries.
const result = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    `--test-concurrency=${Math.max(2, cores)}`,
    // A test that hangs fails after 10 minutes with its name, not at CI's limit without one.
    '--test-timeout=600000',
    '--test-reporter=tap',
    '--test-reporter-destination=stdout',
    // The failed tests again at the end, where a log's tail shows them.
    `--test-reporter=${pathToFileURL(path.join(root, 'build/scripts/failure-summary.mjs')).href}`,
    '--test-reporter-destination=stderr',
    ...files,
  ],
  { stdio: 'inherit', cwd: root },
);
rmSync(shardDir, { recursive: true, force: true });
process.exit(result.status ?? 1);
