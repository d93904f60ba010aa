// Typechecks each runtime separately, so DOM use in Node code or Node use in browser code fails.
// Incremental: tsc keeps what it learnt in node_modules/.cache, so an unchanged project is checked
// again in a second or two. The runtimes are checked side by side, one per core.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const cacheDir = path.join(root, 'node_modules/.cache/linli-typecheck');
const runtimes = ['node', 'dom', 'electron', 'pure'];
mkdirSync(cacheDir, { recursive: true });

function check(runtime: string): Promise<boolean> {
  const args = [
    path.join(root, 'node_modules/typescript/bin/tsc'),
    '-p',
    path.join(root, `build/tsconfig.${runtime}.json`),
    '--incremental',
    '--tsBuildInfoFile',
    path.join(cacheDir, `${runtime}.tsbuildinfo`),
  ];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      console.log(`typecheck: ${runtime}${code === 0 ? '' : ' FAILED'}`);
      if (output) process.stdout.write(output);
      resolve(code === 0);
    });
  });
}

const pending = [...runtimes];
const results: boolean[] = [];
await Promise.all(
  Array.from({ length: Math.min(os.availableParallelism(), runtimes.length) }, async () => {
    for (let runtime = pending.shift(); runtime; runtime = pending.shift()) results.push(await check(runtime));
  }),
);
process.exit(results.every(Boolean) ? 0 : 1);
