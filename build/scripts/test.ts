// `npm test`: lint, typecheck, then every *.test.ts(x) under node:test (Node 20's runner takes
// no globs, so the files are listed here). Exits non-zero when any step fails.
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const skipDirs = new Set(['node_modules', '.git', 'data', 'dist', '.cache']);

function findTests(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return skipDirs.has(entry.name) ? [] : findTests(full);
    return /\.test\.tsx?$/.test(entry.name) ? [path.relative(root, full)] : [];
  });
}

const only = process.argv.slice(2);
if (only.length === 0) {
  console.log('lint');
  execFileSync(process.execPath, [path.join(root, 'node_modules/eslint/bin/eslint.js'), '--max-warnings', '0', '.'], { stdio: 'inherit', cwd: root });
  execFileSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'build/scripts/typecheck.ts'], { stdio: 'inherit', cwd: root });
}
const files = only.length > 0 ? only : findTests(root).sort();
console.log(`running ${files.length} test files${process.env.LINLI_TEST_PG_URL ? ' (PostgreSQL variant on)' : ''}`);
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], { stdio: 'inherit', cwd: root });
process.exit(result.status ?? 1);
