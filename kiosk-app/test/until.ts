/** Waits until something a test set off in the background has happened, or fails saying so. */
import assert from 'node:assert/strict';

export async function until(done: () => boolean, what = 'the expected state', ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
