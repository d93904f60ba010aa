/**
 * A hall as it is now, kept current by the server's event stream: the state arrives at connect and
 * after every change, and EventSource reconnects by itself after a drop (`live` false meanwhile).
 */
import { useEffect, useState } from 'preact/hooks';
import type { QueueHallState } from '@linli/protocol';

export function useHallState(hallId: number | null): {
  state: QueueHallState | null;
  live: boolean;
  /** An action's reply carries the state too: shown at once, before the stream brings it. */
  update: (state: QueueHallState) => void;
} {
  const [state, setState] = useState<QueueHallState | null>(null);
  const [live, setLive] = useState(true);
  useEffect(() => {
    setState(null);
    if (hallId === null) return;
    const source = new EventSource(`/api/v1/admin/queue/halls/${hallId}/events`);
    source.addEventListener('state', (event) => {
      setState(JSON.parse((event as MessageEvent<string>).data) as QueueHallState);
      setLive(true);
    });
    source.onerror = () => setLive(false);
    return () => source.close();
  }, [hallId]);
  return { state, live, update: setState };
}
