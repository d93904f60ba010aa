import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  covers,
  deliveryFor,
  deviceKey,
  groupKey,
  orgKey,
  sendsEntity,
  widenReach,
  type Audience,
} from '../src/domain/targeting';

const linjiangKiosk = { deviceId: 'd-1', kind: 'kiosk', orgPath: '/1/2/5/', groupIds: [7] } as const satisfies Audience;

describe('targeting', () => {
  test('an org key covers its subtree; a group key its members; null covers everyone', () => {
    assert.equal(covers([orgKey('/1/2/')], linjiangKiosk), true);
    assert.equal(covers([orgKey('/1/3/')], linjiangKiosk), false);
    assert.equal(covers([orgKey('/1/2/5/9/')], linjiangKiosk), false, 'a grid below the kiosk does not cover it');
    assert.equal(covers([groupKey(7)], linjiangKiosk), true);
    assert.equal(covers([groupKey(70)], linjiangKiosk), false);
    assert.equal(covers(null, linjiangKiosk), true);
    assert.equal(covers([deviceKey('d-1')], linjiangKiosk), true);
  });

  test('a device gets the item while targeted, a tombstone while only reached, nothing otherwise', () => {
    assert.equal(deliveryFor({ targets: [orgKey('/1/2/5/')], reach: [orgKey('/1/2/5/')] }, linjiangKiosk), 'as-is');
    assert.equal(
      deliveryFor({ targets: [orgKey('/1/3/')], reach: [orgKey('/1/2/5/'), orgKey('/1/3/')] }, linjiangKiosk),
      'tombstone',
    );
    assert.equal(deliveryFor({ targets: [orgKey('/1/3/')], reach: [orgKey('/1/3/')] }, linjiangKiosk), 'skip');
    assert.equal(deliveryFor({ targets: [orgKey('/1/3/')], reach: null }, linjiangKiosk), 'skip');
  });

  test('reach only grows, and sending to everyone reaches everyone', () => {
    assert.deepEqual(widenReach([orgKey('/1/3/')], [groupKey(7)]), [groupKey(7), orgKey('/1/3/')]);
    assert.deepEqual(widenReach(null, null), ['org:/']);
    assert.equal(covers(widenReach(null, null), linjiangKiosk), true);
  });

  test('a kiosk is sent no signage, a player no guides or forms, and neither what its protocol does not know', () => {
    const kiosk = (['guide', 'notice', 'form', 'alert', 'signage', 'signage-keys'] as const).filter((entity) =>
      sendsEntity('kiosk', 4, entity),
    );
    assert.deepEqual(kiosk, ['guide', 'notice', 'form', 'alert']);
    const player = (['guide', 'notice', 'form', 'alert', 'signage', 'signage-keys'] as const).filter((entity) =>
      sendsEntity('player', 4, entity),
    );
    assert.deepEqual(player, ['notice', 'alert', 'signage', 'signage-keys']);
    assert.equal(sendsEntity('player', 3, 'signage'), false, 'protocol 4 brought signage');
    assert.equal(sendsEntity('kiosk', 2, 'alert'), false, 'protocol 3 brought alerts');
    assert.equal(sendsEntity('player', 4, 'settings') && sendsEntity('player', 4, 'command'), true);
  });
});
