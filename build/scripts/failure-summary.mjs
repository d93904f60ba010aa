// A node:test reporter that lists the failed tests, with their file and error, once the run ends.
// The TAP stream prints a failure where it happens, in the middle of twenty minutes of output; a
// CI log is often read from its tail, so `npm test` adds this list at the end.
import { relative } from 'node:path';

/** The words of a failure: a test's own error sits in `cause` of the runner's wrapper. */
function describe(error) {
  const cause = error?.cause ?? error;
  const text = cause instanceof Error ? (cause.stack ?? String(cause)) : String(cause);
  return text.split('\n').slice(0, 12).join('\n');
}

export default async function* failureSummary(source) {
  const failures = [];
  for await (const event of source) {
    if (event.type !== 'test:fail') continue;
    const { name, file, details } = event.data;
    // A suite fails when a test in it fails: the test itself is already listed.
    if (details?.error?.failureType === 'subtestsFailed') continue;
    failures.push({ name, file: file ? relative(process.cwd(), file) : '?', error: describe(details?.error) });
  }
  if (failures.length === 0) return;
  yield `\n${failures.length} failed:\n`;
  for (const failure of failures) {
    yield `\n✖ ${failure.file}: ${failure.name}\n${failure.error.replace(/^/gm, '    ')}\n`;
  }
}
