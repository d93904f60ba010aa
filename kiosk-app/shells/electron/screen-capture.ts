/** The screenshot command's picture: the kiosk window's page as PNG, no wider than full HD so it stays within what the server takes. */
import type { WebContents } from 'electron';
import { LinliError } from '@linli/protocol';

export const MAX_SCREENSHOT_WIDTH = 1920;

export async function captureWindowPng(contents: Pick<WebContents, 'capturePage' | 'isDestroyed'>): Promise<Buffer> {
  if (contents.isDestroyed()) throw new LinliError('INTERNAL', 'The kiosk window is gone');
  const image = await contents.capturePage();
  if (image.isEmpty()) throw new LinliError('INTERNAL', 'The kiosk window showed nothing to capture');
  return (image.getSize().width > MAX_SCREENSHOT_WIDTH ? image.resize({ width: MAX_SCREENSHOT_WIDTH }) : image).toPNG();
}
