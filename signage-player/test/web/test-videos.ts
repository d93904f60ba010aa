/**
 * Test videos made inside Chromium, so no video file or encoder needs installing: a canvas
 * animation (a bright colour field with a moving bar, never dark) recorded with MediaRecorder to
 * WebM (VP8). Each video has its own hue, so a test can tell them apart.
 */
import type { Page } from 'playwright-core';

/** One WebM per hue (0–360), each about `seconds` long; recorded side by side, so the wait is one video's length. */
export async function recordTestVideos(page: Page, hues: number[], seconds: number): Promise<Uint8Array[]> {
  const encoded = await page.evaluate(
    async ({ hues, seconds }) => {
      const record = async (hue: number) => {
        const canvas = document.createElement('canvas');
        canvas.width = 320;
        canvas.height = 180;
        const context = canvas.getContext('2d')!;
        const recorder = new MediaRecorder(canvas.captureStream(30), { mimeType: 'video/webm;codecs=vp8' });
        const chunks: Blob[] = [];
        recorder.ondataavailable = (event) => chunks.push(event.data);
        let frame = 0;
        let drawing = true;
        const draw = () => {
          context.fillStyle = `hsl(${(hue + frame) % 360} 85% 55%)`;
          context.fillRect(0, 0, 320, 180);
          context.fillStyle = '#fff';
          context.fillRect((frame * 6) % 320, 0, 24, 180);
          frame += 1;
          if (drawing) requestAnimationFrame(draw);
        };
        draw();
        recorder.start();
        await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
        drawing = false;
        const stopped = new Promise((resolve) => (recorder.onstop = resolve));
        recorder.stop();
        await stopped;
        const bytes = new Uint8Array(await new Blob(chunks).arrayBuffer());
        let binary = '';
        for (const byte of bytes) binary += String.fromCharCode(byte);
        return btoa(binary);
      };
      return Promise.all(hues.map(record));
    },
    { hues, seconds },
  );
  return encoded.map((base64) => new Uint8Array(Buffer.from(base64, 'base64')));
}
