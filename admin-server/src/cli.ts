/**
 * `npm run admin -- <command>`: guide import and export against the configured database, an alert
 * source registered (its key printed once), and the admin UI built into a folder once (served from
 * there with LINLI_ADMIN_UI_DIR).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { LinliError } from '@linli/protocol';
import { loadConfig } from './config';
import { openDatabase } from './db/open';
import { systemActor } from './domain/actor';
import { systemClock } from './domain/clock';
import { openBlobStore } from './media/blob-store';
import { createChangeHub } from './push/change-hub';
import { createServices } from './services';
import { writeAdminWeb } from './web-bundle';

const USAGE =
  'usage: npm run admin -- import-guides FILE | export-guides FILE | create-alert-source NAME | build-ui DIR';
const COMMANDS = ['import-guides', 'export-guides', 'create-alert-source', 'build-ui'];

async function main(argv: string[]): Promise<void> {
  const [command, file] = argv;
  if (!file || !COMMANDS.includes(command ?? '')) {
    console.error(USAGE);
    process.exit(2);
  }
  if (command === 'build-ui') return writeAdminWeb(file);
  const config = loadConfig(process.env);
  const db = await openDatabase(
    config.databaseUrl
      ? { kind: 'postgres', url: config.databaseUrl }
      : { kind: 'sqlite', file: path.join(config.dataDir, 'admin.sqlite') },
  );
  try {
    const blobs = await openBlobStore(path.join(config.dataDir, 'media'));
    const { guides, orgs, alertSources } = createServices({ db, hub: createChangeHub(), clock: systemClock, blobs });
    const cli = systemActor(await orgs.ensureRoot(config.rootOrg), 'cli');
    if (command === 'create-alert-source') {
      const source = await alertSources.create(cli, { name: file });
      console.log(`Alert source ${source.name} (${source.id}) registered. Its key, shown only now:`);
      console.log(source.key);
    } else if (command === 'import-guides') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(readFileSync(file, 'utf8'));
      } catch (error) {
        throw new LinliError('IMPORT_INVALID', `${file} is not readable JSON: ${(error as Error).message}`);
      }
      const result = await guides.importFile(cli, parsed);
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
