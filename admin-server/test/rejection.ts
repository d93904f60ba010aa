/** The coded error a piece of work fails with; the test fails when it succeeds or fails uncoded. */
import assert from 'node:assert/strict';
import { LinliError } from '@linli/protocol';

export async function rejection(work: Promise<unknown> | (() => unknown)): Promise<LinliError> {
  try {
    await (typeof work === 'function' ? work() : work);
  } catch (error) {
    assert.ok(error instanceof LinliError, String(error));
    return error;
  }
  assert.fail('it succeeded');
}
