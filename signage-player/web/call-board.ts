/**
 * What a calling display (叫号屏) shows of a hall's state (pure): the newest call large, then each
 * window with the number it called last (or 暂停服务), then how many wait for each business.
 */
import type { QueueHallState } from '@linli/protocol';

export interface CallBoard {
  hallName: string;
  /** The newest call; `seq` tells one call of a number from its recall. Null before the day's first. */
  newest: { seq: number; label: string; window: number } | null;
  windows: { number: number; name: string | undefined; label: string | null; paused: boolean }[];
  businesses: { id: string; name: string; waiting: number; estimatedMinutes: number; open: boolean }[];
}

export function callBoard(state: QueueHallState): CallBoard {
  // Calls come newest first: the first one for a window is the number it called last.
  const lastCalled = (window: number) => state.calls.find((call) => call.window === window)?.label;
  const newest = state.calls[0];
  return {
    hallName: state.name,
    newest: newest ? { seq: newest.seq, label: newest.label, window: newest.window } : null,
    windows: state.windows.map((window) => ({
      number: window.number,
      name: window.name,
      label: lastCalled(window.number) ?? window.current?.label ?? null,
      paused: window.paused,
    })),
    businesses: state.businesses.map(({ id, name, waiting, estimatedMinutes, open }) => ({
      id,
      name,
      waiting,
      estimatedMinutes,
      open,
    })),
  };
}

/** 「A012 → 3号窗口」: the call as the board writes it. */
export const callWords = (call: { label: string; window: number }) => `${call.label} → ${call.window}号窗口`;
