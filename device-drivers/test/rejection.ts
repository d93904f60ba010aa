import assert from 'node:assert/strict';
import { LinliError } from '@linli/protocol/errors';

/** The coded error a promise rejects with, for asserting on its code, message and details. */
export async function rejection(promise: Promise<unknown>): Promise<LinliError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof LinliError, String(error));
    return error;
  }
  assert.fail('expected a LinliError');
}
