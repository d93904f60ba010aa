/**
 * `npm run admin -- <command>`: guide import and export against the configured database, an alert
 * source registered (its key printed once; with `--feed URL`, a feed the server polls), the two steps of a signage key rotation
 * (docs/operators/signage-keys.md), utilities connected by their configuration files
 * (docs/operators/bill-providers.md), the admin UI built into a folder once (served from there
 * with LINLI_ADMIN_UI_DIR), and a backup of the database and media written or restored
 * (docs/operators/backup.md).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { LinliError } from '@linli/protocol';
import { databaseTargetOf, loadConfig } from './config';
import { manifestText, restoreBackup, writeBackup } from './backup/backup';
import { openDatabase } from './db/open';
import { findOrgByCode } from './db/org-store';
import { systemActor } from './domain/actor';
import { systemClock } from './domain/clock';
import { openMediaStore } from './media/media-store';
import { createChangeHub } from './push/change-hub';
import type { KeyRotation } from './domain/signage-keys';
import { createServices } from './services';
import { writeAdminWeb } from './web-bundle';

const USAGE =
  'usage: npm run admin -- import-guides FILE | export-guides FILE | create-alert-source NAME [--feed URL] | import-bill-providers FILE [--org CODE] | build-ui DIR | rotate-signage-key | retire-signage-key | backup FILE | restore FILE';
const COMMANDS_WITH_ARGUMENT = [
  'import-guides',
  'export-guides',
  'create-alert-source',
  'import-bill-providers',
  'build-ui',
  'backup',
  'restore',
];
/** The option each command may take after its argument. */
const OPTIONS: Record<string, string> = { 'create-alert-source': '--feed', 'import-bill-providers': '--org' };
const COMMANDS_ALONE = ['rotate-signage-key', 'retire-signage-key'];

function describeKeys(rotation: KeyRotation): string {
  return rotation.keys.map((key) => (key.signing ? `${key.id} (signing)` : key.id)).join(', ');
}

function readJsonFile(file: string, code: 'IMPORT_INVALID' | 'BILL_PROVIDER_CONFIG_INVALID'): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new LinliError(code, `${file} is not readable JSON: ${(error as Error).message}`);
  }
}

async function main(argv: string[]): Promise<void> {
  // `file` is the FILE, NAME or DIR of the commands that take one; the others take nothing.
  const [command = '', file = ''] = argv;
  const known = file ? COMMANDS_WITH_ARGUMENT.includes(command) : COMMANDS_ALONE.includes(command);
  // create-alert-source takes the feed the server polls; import-bill-providers the node served.
  const option = OPTIONS[command] !== undefined && argv[2] === OPTIONS[command] ? argv[3] : undefined;
  const feedUrl = command === 'create-alert-source' ? option : undefined;
  if (!known || argv.length > (option === undefined ? 2 : 4)) {
    console.error(USAGE);
    process.exit(2);
  }
  if (command === 'build-ui') return writeAdminWeb(file);
  const config = loadConfig(process.env);
  const target = databaseTargetOf(config);
  if (command === 'restore') {
    const manifest = await restoreBackup({ target, media: config.media, file });
    console.log(`Restored ${file}: ${manifestText(manifest)}.`);
    return;
  }
  const db = await openDatabase(target);
  try {
    const blobs = await openMediaStore(config.media, db);
    if (command === 'backup') {
      const manifest = await writeBackup({ target, blobs, file });
      console.log(`Backed up to ${file}: ${manifestText(manifest)}.`);
      if (manifest.media.missing.length > 0)
        console.log(
          `${manifest.media.missing.length} media file(s) were deleted while the backup ran and are not in it.`,
        );
      return;
    }
    const { guides, orgs, alertSources, signageKeys, billProviders } = createServices({
      db,
      hub: createChangeHub(),
      clock: systemClock,
      blobs,
      env: process.env,
    });
    const cli = systemActor(await orgs.ensureRoot(config.rootOrg), 'cli');
    if (command === 'rotate-signage-key') {
      const rotation = await signageKeys.rotate(cli);
      if (!rotation.changed) {
        console.log(`A rotation is already under way (keys ${describeKeys(rotation)}).`);
        console.log('Once every player has synced, finish it with: npm run admin -- retire-signage-key');
        return;
      }
      console.log(`Players now trust keys ${describeKeys(rotation)}, told so by the old key.`);
      console.log(`${rotation.resigned} live publication(s) sent again, signed by the new key.`);
      console.log('Once every player has synced, finish with: npm run admin -- retire-signage-key');
    } else if (command === 'retire-signage-key') {
      const rotation = await signageKeys.retire(cli);
      if (!rotation.changed) console.log(`Nothing to retire: the only key is ${describeKeys(rotation)}.`);
      else console.log(`The old key is forgotten; players now trust ${describeKeys(rotation)} alone.`);
    } else if (command === 'create-alert-source') {
      const source = await alertSources.create(cli, { name: file, ...(feedUrl !== undefined && { feedUrl }) });
      console.log(`Alert source ${source.name} (${source.id}) registered. Its key, shown only now:`);
      console.log(source.key);
      if (source.feed)
        console.log(
          `Its feed ${source.feed.url} is polled every ${source.feed.pollSec} s (by a running server within a minute).`,
        );
    } else if (command === 'import-bill-providers') {
      const org = option === undefined ? await orgs.ensureRoot(config.rootOrg) : await findOrgByCode(db, option);
      if (!org) throw new LinliError('VALIDATION_FAILED', `No organisation node has the code ${option}`);
      // One utility's file, or a list of them.
      const parsed = readJsonFile(file, 'BILL_PROVIDER_CONFIG_INVALID');
      for (const providerConfig of Array.isArray(parsed) ? parsed : [parsed]) {
        const saved = await billProviders.save(cli, { orgId: org.id, config: providerConfig });
        console.log(`Connected ${saved.name} (${saved.id}, ${saved.utility}) for ${saved.orgName}.`);
      }
    } else if (command === 'import-guides') {
      const result = await guides.importFile(cli, readJsonFile(file, 'IMPORT_INVALID'));
      console.log(`Imported ${file}: ${result.created} new, ${result.updated} updated, ${result.unchanged} unchanged.`);
    } else {
      const exported = await guides.exportFile(cli);
      writeFileSync(file, `${JSON.stringify(exported, null, 2)}\n`);
      console.log(`Exported ${exported.guides.length} guides to ${file}.`);
    }
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof LinliError) {
    console.error(`${error.code}: ${error.message}`);
    for (const detail of error.details?.slice(0, 50) ?? []) console.error(`  ${detail.path}: ${detail.message}`);
  } else console.error(error);
  process.exit(1);
});
