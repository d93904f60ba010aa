/** Two server instances on one PostgreSQL: a change made through one reaches devices on the other. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backends } from './backends';
import { createChangeHub } from '../src/push/change-hub';
import { connectPostgresFanout } from '../src/push/postgres-fanout';

for (const backend of backends.filter((b) => b.name === 'postgres')) {
  test('LISTEN/NOTIFY carries change announcements between instances', { skip: backend.skip }, async (t) => {
    const target = await backend.target(t);
    assert.equal(target.kind, 'postgres');
    const url = target.kind === 'postgres' ? target.url : '';
    const first = await connectPostgresFanout(url, createChangeHub());
    const second = await connectPostgresFanout(url, createChangeHub());
    t.after(() => Promise.all([first.close(), second.close()]));
    const heardOnSecond: number[] = [];
    second.hub.subscribe((seq) => heardOnSecond.push(seq));
    const marker = 1_000_000 + Math.floor(Math.random() * 1_000_000);
    first.hub.publish(marker);
    const deadline = Date.now() + 5000;
    while (!heardOnSecond.includes(marker) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    assert.ok(heardOnSecond.includes(marker), 'the other instance heard the change');
  });
}
