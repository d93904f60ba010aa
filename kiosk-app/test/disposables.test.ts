import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDisposables } from '../host/lifecycle/disposables';
import { createSignal } from '../host/lifecycle/signal';

test('parts stop last-first, each awaited; a failing stop does not keep the others from stopping', async () => {
  const stopped: string[] = [];
  const parts = createDisposables();
  parts.add(() => stopped.push('cache'));
  parts.add(async () => {
    await Promise.resolve();
    stopped.push('devices');
    throw new Error('worker did not exit');
  });
  parts.add(() => stopped.push('sync'));
  await assert.rejects(parts.stopAll(), /worker did not exit/);
  assert.deepEqual(stopped, ['sync', 'devices', 'cache']);
  await parts.stopAll();
  assert.deepEqual(stopped, ['sync', 'devices', 'cache'], 'a second stop stops nothing twice');
});

test('a signal reaches its subscribers until they unsubscribe', () => {
  const heard: number[] = [];
  const signal = createSignal<number>();
  const unsubscribe = signal.subscribe((value) => heard.push(value));
  signal.emit(1);
  unsubscribe();
  signal.emit(2);
  assert.deepEqual(heard, [1]);
});
