/**
 * The admin server's case intake on a SQLite file, without its HTTP layer (which adds nothing to
 * what a kill can break, and most of a start's time): run as a child process by
 * case-durability.test.ts, which kills it with SIGKILL while it applies. Reads one case a line on
 * stdin ({clientId, …}), applies it exactly as the kiosk route does, and says so on stdout:
 * `applied <clientId> <tracking> <duplicate>`.
 */
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import type { CaseInput } from '@linli/protocol';
import { readCaseRulesFiles } from '../../../admin-server/src/case-rules-files';
import { openDatabase } from '../../../admin-server/src/db/open';
import { createAuditService } from '../../../admin-server/src/domain/audit';
import { systemClock } from '../../../admin-server/src/domain/clock';
import { createCaseService } from '../../../admin-server/src/domain/cases';
import { createKeyedHash } from '../../../admin-server/src/domain/keyed-hash';

// Bundled for a fast start, so the shipped case rules are named rather than found beside the code.
const [file, caseRulesDir] = process.argv.slice(2) as [string, string];
const db = await openDatabase({ kind: 'sqlite', file });
const cases = createCaseService({
  db,
  clock: systemClock,
  audit: createAuditService({ db, clock: systemClock }),
  rules: readCaseRulesFiles(pathToFileURL(`${caseRulesDir}/`)),
  hash: createKeyedHash(db, 'case-key'),
});
const source = {
  channel: 'kiosk',
  by: 'device:durable',
  from: 'test',
  orgId: 1,
  orgPath: '/1/',
  deviceId: 'durable',
} as const;
console.log('HARNESS_READY');
for await (const line of createInterface({ input: process.stdin })) {
  const input = JSON.parse(line) as CaseInput;
  const receipt = await cases.register(source, input);
  console.log(`applied ${input.clientId} ${receipt.tracking} ${receipt.duplicate}`);
}
