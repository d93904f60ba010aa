/** The signed-in user's session for parts deep in a page (main.tsx provides it): what they may do. */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Permission, SessionView } from '@linli/protocol';

export const SessionContext = createContext<SessionView | null>(null);

/** Whether the signed-in user holds `permission`; the server checks again, this only hides what would fail. */
export function usePermission(permission: Permission): boolean {
  return useContext(SessionContext)?.permissions.includes(permission) ?? false;
}
