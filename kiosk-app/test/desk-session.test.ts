/**
 * The clerk desk in the host: the clerk's session stays here; a PIN chosen after signing in opens
 * the desk after a pause, three wrong ones sign the clerk out; nothing is asked as the clerk while
 * the desk is locked, and a session the server ended signs the clerk out here too. A kiosk has no desk.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LinliError, type DeskClerk, type ErrorCode } from '@linli/protocol';
import { createDeskBridge } from '../host/desk/desk-bridge';
import type { DeskClient } from '../host/desk/desk-client';
import { createDeskSession, MAX_WRONG_PINS } from '../host/desk/desk-session';

const CLERK: DeskClerk = {
  username: 'wangli',
  displayName: '王丽',
  role: 'query-clerk',
  orgName: '临江社区',
  expiresAt: '2026-12-04T14:00:00.000Z',
};
const TOKEN = 'session-token-of-wangli-0123456789';

async function refused(code: ErrorCode, work: Promise<unknown>) {
  await assert.rejects(work, (error: unknown) => error instanceof LinliError && error.code === code);
}

function desk(profile: 'kiosk' | 'desk' = 'desk') {
  const tokensUsed: string[] = [];
  const signedOut: string[] = [];
  let serverEnded = false;
  const client: DeskClient = {
    signIn: async () => ({ clerk: CLERK, token: TOKEN }),
    signOut: async (token) => void signedOut.push(token),
    record: async (token, input) => {
      tokensUsed.push(token);
      if (serverEnded) throw new LinliError('UNAUTHENTICATED');
      return { id: 1, at: '2026-12-04T02:00:00.000Z', clerk: 'wangli', ...input };
    },
    printed: async () => undefined,
    today: async (token) => {
      tokensUsed.push(token);
      const none = { consultations: 0, answered: 0, forwarded: 0, prints: 0 };
      return { date: '2026-12-04', mine: none, here: none, recent: [] };
    },
  };
  const bridge = createDeskBridge({ profile, client, session: createDeskSession(), log: () => undefined });
  return { bridge, tokensUsed, signedOut, endAtServer: () => (serverEnded = true) };
}

const ENTRY = { topic: '咨询医保缴费', category: 'medical-insurance', outcome: 'answered' } as const;

test('signed in, the clerk chooses a PIN before serving; locked, nothing is asked until the PIN', async () => {
  const { bridge, tokensUsed } = desk();
  assert.deepEqual(await bridge.deskStatus({}), { profile: 'desk', pinSet: false, locked: false });
  const signedIn = await bridge.deskSignIn({ username: 'wangli', password: 'secret-password' });
  assert.deepEqual(signedIn, { profile: 'desk', clerk: CLERK, pinSet: false, locked: false });
  assert.ok(!JSON.stringify(signedIn).includes(TOKEN), 'the session token stays in the host');
  await refused('DESK_LOCKED', bridge.deskToday({}));

  await bridge.deskSetPin({ pin: '2580' });
  await bridge.recordConsultation(ENTRY);
  assert.deepEqual(tokensUsed, [TOKEN]);
  await refused('FORBIDDEN', bridge.deskSetPin({ pin: '1111' }));

  assert.equal((await bridge.deskLock({})).locked, true);
  await refused('DESK_LOCKED', bridge.recordConsultation(ENTRY));
  assert.equal(tokensUsed.length, 1, 'nothing was sent while locked');
  await refused('DESK_PIN_WRONG', bridge.deskUnlock({ pin: '0000' }));
  assert.equal((await bridge.deskUnlock({ pin: '2580' })).locked, false);
  await bridge.deskToday({});
  assert.equal(tokensUsed.length, 2);
});

test(`${MAX_WRONG_PINS} wrong PINs sign the clerk out; so does a session the server ended`, async () => {
  const { bridge, signedOut, endAtServer } = desk();
  await bridge.deskSignIn({ username: 'wangli', password: 'secret-password' });
  await bridge.deskSetPin({ pin: '2580' });
  await bridge.deskLock({});
  for (let n = 1; n < MAX_WRONG_PINS; n++) await refused('DESK_PIN_WRONG', bridge.deskUnlock({ pin: '1234' }));
  await refused('UNAUTHENTICATED', bridge.deskUnlock({ pin: '1234' }));
  assert.deepEqual(await bridge.deskStatus({}), { profile: 'desk', pinSet: false, locked: false });
  await refused('UNAUTHENTICATED', bridge.deskToday({}));

  await bridge.deskSignIn({ username: 'wangli', password: 'secret-password' });
  await bridge.deskSetPin({ pin: '2580' });
  endAtServer();
  await refused('UNAUTHENTICATED', bridge.recordConsultation(ENTRY));
  assert.equal((await bridge.deskStatus({})).clerk, undefined, 'signed out here too');

  await bridge.deskSignIn({ username: 'wangli', password: 'secret-password' });
  await bridge.deskSignOut({});
  assert.deepEqual(signedOut, [TOKEN], 'signing out ends the session at the server');
});

test('a kiosk has no desk: its status says so and the rest is refused', async () => {
  const { bridge } = desk('kiosk');
  assert.deepEqual(await bridge.deskStatus({}), { profile: 'kiosk', pinSet: false, locked: false });
  await refused('FORBIDDEN', bridge.deskSignIn({ username: 'wangli', password: 'secret-password' }));
  await refused('FORBIDDEN', bridge.recordConsultation(ENTRY));
});
