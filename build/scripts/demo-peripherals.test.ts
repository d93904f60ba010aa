/** `npm start`'s simulated A4 printer: a PDF folder in the data folder, named in the devices file and the note. */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { PeripheralsFile } from '@linli/protocol';
import { validationErrors } from '@linli/protocol/validation';
import { PRINTED_FORMS_FOLDER, startDemoPeripherals } from './demo-peripherals';

test('without a CUPS printer the demo prints forms into a PDF folder in its data folder, and says where', async (t) => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'linli-demo-'));
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  const demo = await startDemoPeripherals(dataDir, { a4: 'simulated' });
  t.after(() => demo.stop());
  const devices = JSON.parse(readFileSync(demo.file, 'utf8')) as PeripheralsFile;
  assert.deepEqual(validationErrors(PeripheralsFile, devices), []);
  const folder = path.join(dataDir, PRINTED_FORMS_FOLDER);
  assert.deepEqual(
    devices.peripherals.find((peripheral) => peripheral.id === 'a4'),
    { id: 'a4', driver: 'pdf-folder', directory: folder },
  );
  assert.equal(demo.printedForms, folder);
  assert.ok(existsSync(folder), 'the folder is there before the kiosk checks it');
  assert.ok(
    demo.notes.some((note) => note.startsWith('A4 printer: simulated') && note.includes(folder)),
    demo.notes.join('\n'),
  );
});
