/**
 * The `system-printer` device: CUPS on Linux and macOS, the Windows spooler on Windows. The
 * platform is passed in so both branches are testable anywhere.
 */
import type { PeripheralConfig } from '@linli/protocol/peripherals';
import { createCupsPrinter, type CupsPrinterOptions } from './cups-printer';
import type { DocumentPrinter } from './document-printer';
import { createWindowsSpoolerPrinter } from './windows-spooler-printer';

export type SystemPrinterConfig = Extract<PeripheralConfig, { driver: 'system-printer' }>;

export type SpoolerKind = 'cups' | 'windows-spooler';

export function spoolerFor(platform: NodeJS.Platform): SpoolerKind {
  return platform === 'win32' ? 'windows-spooler' : 'cups';
}

export async function createSystemPrinter(
  config: SystemPrinterConfig,
  platform: NodeJS.Platform,
  cups: Omit<CupsPrinterOptions, 'queue'> = {},
): Promise<DocumentPrinter> {
  const queue = config.printer ? { queue: config.printer } : {};
  const server = config.server ? { server: config.server } : {};
  return spoolerFor(platform) === 'windows-spooler'
    ? createWindowsSpoolerPrinter(queue)
    : createCupsPrinter({ ...cups, ...server, ...queue });
}
