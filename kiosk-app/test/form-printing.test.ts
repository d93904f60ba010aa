// Printing a form for a resident: the ID card from the reader simulator (real pty), the demo
// forms, a real CUPS with a cups-pdf queue, and the PDF that comes out read back with pdftotext.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LinliError, PrintProgress } from '@linli/protocol';
import { DEMO_CARDS } from '../../device-drivers/src/id-card/demo-cards';
import { attachIdCardSimulator } from '../../device-drivers/src/id-card/id-card-simulator';
import { openPtyPair } from '../../device-drivers/src/transport/pty-pair';
import { openSerialTransport } from '../../device-drivers/src/transport/serial-transport';
import { addCupsPdfQueue } from '../../device-drivers/test/cups-fixture';
import { createPeripheralBridge } from '../host/peripherals/peripheral-bridge';
import { startPeripheralManager } from '../host/peripherals/peripheral-manager';
import { createMaintenanceLock } from '../host/peripherals/maintenance-lock';
import { loadFormLibrary } from '../host/forms/form-library';
import { createFormCatalog } from '../host/forms/form-catalog';
import { createFormPrinting } from '../host/forms/form-printing';

const FORMS_DIR = path.resolve(import.meta.dirname, '../../device-drivers/forms');

const typed = {
  currentAddress: '北京市东城区交道口南大街12号',
  livingSince: '2019-05-01',
  phone: '13800138000',
  housing: '租住',
  reason: '孩子明年上小学，需要开具居住证明。',
  purpose: '子女入学',
};

test(
  'a resident reads their card, fills in the questions and gets the form on paper',
  { timeout: 90_000 },
  async (t) => {
    const queue = await addCupsPdfQueue('LinliKioskForms');
    t.after(() => queue.remove());
    const pair = await openPtyPair();
    const readerSide = await openSerialTransport(pair.deviceEnd);
    const reader = attachIdCardSimulator(readerSide);
    const manager = startPeripheralManager(
      {
        peripherals: [
          { id: 'idcard', driver: 'ga467-serial', path: pair.hostEnd },
          { id: 'a4', driver: 'system-printer', printer: queue.queue, server: queue.server },
        ],
      },
      () => undefined,
      { checkEveryMs: 500 },
    );
    t.after(async () => {
      await manager.stop();
      await readerSide.close();
      await pair.close();
    });
    const devices = createPeripheralBridge(manager, createMaintenanceLock(undefined), () => undefined);
    const progress: PrintProgress[] = [];
    const logs: string[] = [];
    const forms = createFormPrinting({
      forms: createFormCatalog({
        installed: await loadFormLibrary(FORMS_DIR),
        held: () => [],
        templatePath: () => undefined,
      }),
      peripherals: manager,
      currentCard: devices.currentCard,
      now: () => new Date(2026, 10, 28),
      onProgress: () => void forms.bridge.getPrintProgress({}).then((p) => progress.push(p)),
      log: (line) => logs.push(line),
    });

    const offered = await forms.bridge.listForms({});
    assert.ok(offered.length >= 8, offered.map((form) => form.id).join());
    const certificate = offered.find((form) => form.id === 'residence-certificate')!;
    assert.deepEqual(certificate.guideIds, ['zhengming-community-residence']);
    assert.equal(certificate.needsIdCard, true);
    assert.deepEqual(
      certificate.inputs.find((input) => input.key === 'phone'),
      { key: 'phone', label: '联系电话', maxLength: 20, optional: false, keyboard: 'digits' },
    );

    await assert.rejects(
      forms.bridge.printForm({ formId: 'residence-certificate', typed }),
      (error: LinliError) => error.code === 'FORM_INVALID' && error.details?.[0]?.path === '/idCard',
    );
    while (manager.health().some((health) => health.state !== 'ok'))
      await new Promise((resolve) => setTimeout(resolve, 50));
    setTimeout(() => reader.placeCard(DEMO_CARDS.resident), 100);
    await devices.bridge.readIdCard({ timeoutSec: 10 });

    const { phone: _phone, purpose: _purpose, ...incomplete } = typed;
    await assert.rejects(
      forms.bridge.printForm({ formId: 'residence-certificate', typed: incomplete }),
      (error: LinliError) =>
        error.code === 'FORM_INVALID' &&
        JSON.stringify(error.details).includes('phone') &&
        JSON.stringify(error.details).includes('purpose'),
    );
    assert.equal((await forms.bridge.getPrintProgress({})).error?.code, 'FORM_INVALID');

    progress.length = 0;
    await forms.bridge.printForm({ formId: 'residence-certificate', typed });
    const stages = progress.map((p) => p.stage);
    assert.equal(stages[0], 'preparing');
    assert.equal(stages.at(-1), 'done');
    assert.ok(stages.includes('queued') || stages.includes('printing'), `the job was followed: ${stages.join(' → ')}`);

    const output = await queue.waitForLatestOutput();
    const text = execFileSync('pdftotext', [output, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    rmSync(output);
    // The spooler's PostScript round trip keeps Chinese text searchable but not every digit glyph's
    // Unicode name, so the check reads the Chinese values (digits are checked on the PDF itself in
    // device-drivers' fill-form tests).
    for (const expected of [
      '居住证明申请表',
      '张小三',
      '北京市东城区交道口南大街',
      '孩子明年上小学',
      '子女入学',
      '租住',
    ])
      assert.ok(text.includes(expected), `printed form has ${expected}`);
    assert.ok(
      logs.every((line) => !line.includes('张') && !line.includes('1380013')),
      'nothing personal in the logs',
    );

    forms.endVisit();
    devices.endVisit();
    assert.deepEqual(await forms.bridge.getPrintProgress({}), { stage: 'idle' });
    await assert.rejects(
      forms.bridge.printForm({ formId: 'residence-certificate', typed }),
      { code: 'FORM_INVALID' },
      'the card went with the visit',
    );
    await assert.rejects(forms.bridge.printForm({ formId: 'no-such-form', typed }), { code: 'NOT_FOUND' });
  },
);

test('a broken form in the forms folder stops start-up naming the file', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'linli-forms-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  for (const name of readdirSync(FORMS_DIR).filter((file) => file.startsWith('resident-registration')))
    copyFileSync(path.join(FORMS_DIR, name), path.join(dir, name));
  assert.equal((await loadFormLibrary(dir)).length, 1);
  writeFileSync(
    path.join(dir, 'broken.form.json'),
    JSON.stringify({ id: 'broken', title: '坏表', template: 'missing.pdf', mode: 'overlay', fields: [] }),
  );
  await assert.rejects(
    loadFormLibrary(dir),
    (error: LinliError) => error.code === 'CONFIG_INVALID' && /broken\.form\.json/.test(error.message),
  );
  await assert.rejects(
    loadFormLibrary(path.join(dir, 'absent')),
    (error: LinliError) => error.code === 'CONFIG_INVALID' && /cannot be read/.test(error.message),
  );
});
