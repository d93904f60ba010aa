/**
 * The clerk desk on the kiosk bridge. In the kiosk profile there is no desk: the status says so and
 * the rest is refused. In the desk profile the clerk signs in (the session stays in the host),
 * chooses a PIN, and the desk locks when the screen says they stepped away; the ledger and today's
 * counts go to the server as the clerk's, and so do the bills asked here (deskSession, below).
 */
import { LinliError, type AppProfile, type KioskBridge } from '@linli/protocol';
import type { DeskClient } from './desk-client';
import type { DeskSession } from './desk-session';

type DeskMethods = Pick<
  KioskBridge,
  | 'deskStatus'
  | 'deskSignIn'
  | 'deskSetPin'
  | 'deskLock'
  | 'deskUnlock'
  | 'deskSignOut'
  | 'recordConsultation'
  | 'deskToday'
>;

export function createDeskBridge(deps: {
  profile: AppProfile;
  client: DeskClient;
  session: DeskSession;
  log: (message: string) => void;
}): DeskMethods {
  const { client, session } = deps;
  const status = () => ({ profile: deps.profile, ...session.state() });
  const desk = () => {
    if (deps.profile !== 'desk') throw new LinliError('FORBIDDEN', 'This app is a kiosk, not a clerk desk');
  };
  /** A server call as the clerk; a session the server ended (idle too long) signs the clerk out here too. */
  const asClerk = async <T>(work: (token: string) => Promise<T>): Promise<T> => {
    desk();
    try {
      return await work(session.token());
    } catch (error) {
      if (error instanceof LinliError && error.code === 'UNAUTHENTICATED') session.end();
      throw error;
    }
  };
  return {
    deskStatus: async () => status(),
    async deskSignIn(request) {
      desk();
      const signedIn = await client.signIn(request);
      const previous = session.end();
      if (previous) void client.signOut(previous).catch(() => undefined);
      session.begin(signedIn.clerk, signedIn.token);
      deps.log('desk: a clerk signed in');
      return status();
    },
    async deskSetPin({ pin }) {
      desk();
      await session.setPin(pin);
      return status();
    },
    async deskLock() {
      session.lock();
      return status();
    },
    async deskUnlock({ pin }) {
      desk();
      await session.unlock(pin);
      return status();
    },
    async deskSignOut() {
      const token = session.end();
      if (token) await client.signOut(token).catch((error: LinliError) => deps.log(`desk sign-out: ${error.code}`));
      return status();
    },
    recordConsultation: (input) => asClerk((token) => client.record(token, input)),
    deskToday: () => asClerk((token) => client.today(token)),
  };
}
