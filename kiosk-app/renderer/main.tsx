import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { DeskStatus } from '@linli/protocol';
import { createBridge, onBridgeEvents } from './bridge-client';
import { Desk } from './desk/desk-root';
import { Kiosk } from './kiosk';
import { installPageLockdown } from './page-lockdown';
import './styles.css';

const bridge = createBridge();
const subscribe = (listener: Parameters<typeof onBridgeEvents>[0]) => onBridgeEvents(listener);
/** How soon a host that did not answer is asked again which profile this app runs in. */
const RETRY_MS = 2000;

/** The app's profile decides the frame: a public kiosk's visits, or a clerk's desk. */
function Root() {
  const [desk, setDesk] = useState<DeskStatus | null>(null);
  useEffect(() => {
    let timer: number;
    const ask = () => void bridge.deskStatus({}).then(setDesk, () => (timer = window.setTimeout(ask, RETRY_MS)));
    ask();
    return () => window.clearTimeout(timer);
  }, []);
  if (!desk) return null;
  return desk.profile === 'desk' ? (
    <Desk bridge={bridge} subscribe={subscribe} initial={desk} />
  ) : (
    <Kiosk bridge={bridge} subscribe={subscribe} />
  );
}

installPageLockdown(window);
render(<Root />, document.getElementById('app')!);
