/**
 * ID card read-to-screen time against the reader simulator on a real pty pair: in the kiosk host
 * (card placed → decoded card returned by the device manager) and on screen (card placed →
 * masked card shown in Chromium, through the browser shell). The host polls every 300 ms while a
 * screen waits, so half a poll interval is the expected share of the figure; the wire time a real
 * reader adds at 115200 baud is computed beside it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { DEMO_CARDS } from '../device-drivers/src/id-card/demo-cards';
import { attachIdCardSimulator } from '../device-drivers/src/id-card/id-card-simulator';
import { openPtyPair } from '../device-drivers/src/transport/pty-pair';
import { openSerialTransport } from '../device-drivers/src/transport/serial-transport';
import { startPeripheralManager } from '../kiosk-app/host/peripherals/peripheral-manager';
import { startAdminServer, startKiosk } from '../build/scripts/processes';
import { latencyStats, nowMs, round } from './machine';

const HOST_READS = 30;
const SCREEN_READS = 10;
const CARDS = [DEMO_CARDS.resident, DEMO_CARDS.hongKongPermit];

/** Bytes on the wire for find, select and read (requests and replies), 10 bits each at 8N1. */
function wireMs(baud: number): number {
  const bytes = 10 + 15 + 10 + 19 + 10 + 1295;
  return round((bytes * 10 * 1000) / baud, 1);
}

async function hostReads() {
  const pair = await openPtyPair();
  const readerSide = await openSerialTransport(pair.deviceEnd);
  const reader = attachIdCardSimulator(readerSide);
  const manager = startPeripheralManager(
    { peripherals: [{ id: 'idcard', driver: 'ga467-serial', path: pair.hostEnd }] },
    () => undefined,
  );
  const samples: number[] = [];
  try {
    while (manager.health()[0]?.state !== 'ok') await new Promise((resolve) => setTimeout(resolve, 20));
    for (let i = 0; i < HOST_READS; i++) {
      reader.removeCard();
      const reading = manager.readIdCard(AbortSignal.timeout(10_000));
      await new Promise((resolve) => setTimeout(resolve, 50 + (i % 7) * 37));
      const placedAt = nowMs();
      reader.placeCard(CARDS[i % 2]!);
      await reading;
      samples.push(nowMs() - placedAt);
    }
  } finally {
    await manager.stop();
    await readerSide.close();
    await pair.close();
  }
  return latencyStats(samples);
}

async function screenReads() {
  const pair = await openPtyPair();
  const readerSide = await openSerialTransport(pair.deviceEnd);
  const reader = attachIdCardSimulator(readerSide);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'linli-bench-idcard-'));
  const devicesFile = path.join(dataDir, 'devices.json');
  writeFileSync(
    devicesFile,
    JSON.stringify({ peripherals: [{ id: 'idcard', driver: 'ga467-serial', path: pair.hostEnd }] }),
  );
  const env = { ...process.env, LINLI_DATA_DIR: dataDir, LINLI_LOG_LEVEL: 'warn' };
  const admin = await startAdminServer({ ...env, LINLI_ADMIN_PORT: '0' });
  const kiosk = await startKiosk({
    ...env,
    LINLI_KIOSK_PORT: '0',
    LINLI_SERVER_URL: admin.ready.url!,
    LINLI_ENROLLMENT_CODE: admin.ready.enrollmentCode!,
    LINLI_DEVICES_FILE: devicesFile,
  });
  const browser = await chromium.launch({
    executablePath: process.env.LINLI_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  const samples: number[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    await page.addInitScript('window.__name = (fn) => fn');
    await page.goto(`${kiosk.ready.url}/`);
    await page.locator('.attract').click();
    await page.getByRole('button', { name: /读取身份证/ }).click();
    await page.getByRole('button', { name: '同意并读卡' }).click();
    for (let i = 0; i < SCREEN_READS; i++) {
      await page.getByText('请将身份证平放在读卡区').waitFor();
      await page.waitForTimeout(100 + (i % 5) * 53);
      const placedAt = nowMs();
      reader.placeCard(CARDS[i % 2]!);
      await page.getByText('已读取证件信息').waitFor();
      samples.push(nowMs() - placedAt);
      reader.removeCard();
      await page.waitForTimeout(400);
      await page.getByRole('button', { name: '重新读卡' }).click();
    }
  } finally {
    await browser.close();
    await kiosk.stop();
    await admin.stop();
    await readerSide.close();
    await pair.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return latencyStats(samples);
}

export async function runIdCardBench() {
  return {
    pollIntervalMs: 300,
    hostReadMs: { reads: HOST_READS, ...(await hostReads()) },
    placedToScreenMs: { reads: SCREEN_READS, ...(await screenReads()) },
    wireMsAt115200: wireMs(115200),
    wireMsAt9600: wireMs(9600),
    note: 'pty pairs carry bytes at memory speed: a real reader adds the wire time above and its own time to talk to the card, which the simulator does not model',
  };
}
