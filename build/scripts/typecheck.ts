// Typechecks each runtime separately, so DOM use in Node code or Node use in browser code fails.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const runtimes = ['pure', 'node', 'dom', 'electron'];
for (const runtime of runtimes) {
  const project = path.join(import.meta.dirname, `../tsconfig.${runtime}.json`);
  console.log(`typecheck: ${runtime}`);
  execFileSync(process.execPath, [path.join(import.meta.dirname, '../../node_modules/typescript/bin/tsc'), '-p', project], { stdio: 'inherit' });
}
