/**
 * Which A4 printer a peripheral entry names: the system spooler (CUPS, the Windows spooler) or a
 * PDF folder (the simulated printer of the demo and of tests).
 */
import type { PeripheralConfig } from '@linli/protocol/peripherals';
import type { CupsPrinterOptions } from './cups-printer';
import type { DocumentPrinter } from './document-printer';
import { createPdfFolderPrinter } from './pdf-folder-printer';
import { createSystemPrinter } from './system-printer';

export type DocumentPrinterConfig = Extract<PeripheralConfig, { driver: 'system-printer' | 'pdf-folder' }>;

export async function createDocumentPrinter(
  config: DocumentPrinterConfig,
  platform: NodeJS.Platform,
  cups: Omit<CupsPrinterOptions, 'queue'> = {},
): Promise<DocumentPrinter> {
  switch (config.driver) {
    case 'system-printer':
      return createSystemPrinter(config, platform, cups);
    case 'pdf-folder':
      return createPdfFolderPrinter({ directory: config.directory });
  }
}
