import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ESLint } from 'eslint';

const root = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function zoneErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => m.ruleId === 'linli/import-zones').map((m) => m.message);
}

test('forbidden imports between layers fail lint at error level', async () => {
  assert.match(
    (await zoneErrors('protocol/src/x.ts', "import fs from 'node:fs';\nexport const a = fs;\n"))[0] ?? '',
    /'protocol' may not import 'node:fs'/,
  );
  assert.match(
    (
      await zoneErrors(
        'kiosk-app/renderer/x.ts',
        "import { a } from '../host/search/guide-index';\nexport const b = a;\n",
      )
    )[0] ?? '',
    /kiosk-renderer/,
  );
  assert.match(
    (await zoneErrors('kiosk-app/host/x.ts', "import { a } from '@linli/admin-server';\nexport const b = a;\n"))[0] ??
      '',
    /zone 'admin-server'/,
  );
  assert.match(
    (await zoneErrors('kiosk-app/host/x.ts', "import type { App } from 'electron';\nexport type B = App;\n"))[0] ?? '',
    /electron/,
  );
});

test('allowed imports pass', async () => {
  assert.deepEqual(
    await zoneErrors(
      'kiosk-app/host/x.ts',
      "import { LinliError } from '@linli/protocol';\nimport fs from 'node:fs';\nexport const a = [LinliError, fs];\n",
    ),
    [],
  );
  assert.deepEqual(
    await zoneErrors(
      'kiosk-app/renderer/x.ts',
      "import { LOCALES } from '@linli/protocol';\nexport const a = LOCALES;\n",
    ),
    [],
  );
});
