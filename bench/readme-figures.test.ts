import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readResults, withMeasuredSection } from './readme-figures';

const root = path.resolve(import.meta.dirname, '..');

test("the README's measured figures are the ones in bench/results (npm run bench writes them)", () => {
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  assert.equal(readme, withMeasuredSection(readme, readResults(path.join(root, 'bench/results'))));
});
