import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DeviceForm } from '@linli/protocol';
import { createFormCatalog } from '../host/forms/form-catalog';
import { loadFormLibrary } from '../host/forms/form-library';

const FORMS_DIR = path.resolve(import.meta.dirname, '../../device-drivers/forms');
const SHA = 'a'.repeat(64);

test('a sent form is offered once its template is stored, replacing the installed form of the same id', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'linli-forms-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const installed = await loadFormLibrary(FORMS_DIR);
  const certificate = installed.find((form) => form.definition.id === 'residence-certificate')!;
  const sent: DeviceForm = {
    id: 'residence-certificate',
    version: 3,
    category: 'household',
    definition: { ...certificate.definition, title: '居住证明申请表（2026版）' },
    template: { sha256: SHA, bytes: 7, mime: 'application/pdf', name: '居住证明.pdf' },
  };
  const stored = new Map<string, string>();
  const catalog = createFormCatalog({ installed, held: () => [sent], templatePath: (sha) => stored.get(sha) });

  const installedIds = installed.map((form) => form.definition.id);
  assert.ok(installedIds.includes('resident-registration') && installedIds.length >= 8, installedIds.join());
  assert.deepEqual(
    catalog.definitions().map((d) => d.id),
    installedIds,
  );
  assert.equal(
    (await catalog.get('residence-certificate'))?.definition.title,
    '居住证明申请表',
    'until its PDF is stored the installed form stays',
  );

  writeFileSync(path.join(dir, SHA), '%PDF-1.');
  stored.set(SHA, path.join(dir, SHA));
  assert.deepEqual(
    catalog.definitions().map((d) => d.id),
    [...installedIds.filter((id) => id !== 'residence-certificate'), 'residence-certificate'],
  );
  const form = await catalog.get('residence-certificate');
  assert.equal(form?.definition.title, '居住证明申请表（2026版）');
  assert.equal(Buffer.from(form!.template).toString(), '%PDF-1.');
  assert.equal(await catalog.get('no-such-form'), undefined);
});
