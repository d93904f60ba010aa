/**
 * 评价器: the rating pad of one window, on a tablet or second screen at the counter, signed in as the
 * window's clerk and opened from 窗口叫号 (#rating-pad/<hall>/<window>, without the admin UI's menus).
 * It follows the hall's event stream: when a ticket is finished at its window it asks 请为本次服务评价
 * with the five levels as large buttons, then the level's reasons, then says 谢谢 (rating-pad.ts
 * decides which). Nothing the resident taps is kept here once sent.
 */
import { useEffect, useState } from 'preact/hooks';
import {
  LinliError,
  QUEUE_RATING_LEVELS,
  QUEUE_RATING_NAMES,
  QUEUE_REASONS_BY_LEVEL,
  isComplaint,
  type Locale,
} from '@linli/protocol';
import { api } from './api';
import { ErrorBox } from './feedback';
import type { AdminStrings } from './i18n';
import { useHallState } from './queue-hall-state';
import { QUEUE_WORDS } from './queue-words';
import { THANKS_MS, padScreen, toggled, type PadMemory } from './rating-pad';

/** The pad looks again this often, so a ticket whose rating time has passed leaves the screen. */
const TICK_MS = 15_000;

export function RatingPadPage(props: { t: AdminStrings; locale: Locale; hallId: number; window: number }) {
  const { t, hallId, window } = props;
  const words = QUEUE_WORDS[props.locale];
  const names = QUEUE_RATING_NAMES[props.locale];
  const { state, live } = useHallState(hallId);
  const [memory, setMemory] = useState<PadMemory>({ rated: new Set() });
  const [now, setNow] = useState(Date.now);
  const [error, setError] = useState<LinliError | null>(null);
  const [sending, setSending] = useState(false);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, []);
  // 谢谢 ends on time, not at the next tick.
  useEffect(() => {
    if (!memory.thanks) return;
    const timer = setTimeout(() => setNow(Date.now()), Math.max(0, memory.thanks.until - Date.now()));
    return () => clearTimeout(timer);
  }, [memory.thanks]);

  const seat = state?.windows.find((entry) => entry.number === window);
  const screen = padScreen(seat?.toRate, memory, now);
  const business = (id: string) => state?.businesses.find((entry) => entry.id === id)?.name ?? id;

  const send = async () => {
    if (screen.kind !== 'reasons' || sending) return;
    setSending(true);
    setError(null);
    const { ticket, level, reasons } = screen;
    try {
      await api.rateQueueTicket(hallId, window, { ticketId: ticket.ticketId, level, reasons: [...reasons] });
    } catch (caught) {
      const failure = caught instanceof LinliError ? caught : new LinliError('INTERNAL', String(caught));
      // Rated already (a reply lost, then sent again): the resident is thanked all the same.
      if (failure.code !== 'ALREADY_EXISTS') {
        setError(failure);
        setSending(false);
        return;
      }
    }
    setSending(false);
    const sentAt = Date.now();
    setNow(sentAt);
    setMemory((last) => ({
      rated: new Set([...last.rated, ticket.ticketId]),
      thanks: { until: sentAt + THANKS_MS, followUp: isComplaint(level) },
    }));
  };

  return (
    <main class="rating-pad" lang={props.locale} data-screen={screen.kind}>
      <header class="rating-pad-header">
        <span>
          {state?.name} · {words.window(window)}
          {seat?.name ? ` · ${seat.name}` : ''}
        </span>
        <button type="button" onClick={() => void document.documentElement.requestFullscreen?.()}>
          {words.pad.fullScreen}
        </button>
      </header>
      {!live && (
        <p class="error" role="status">
          {words.reconnecting}
        </p>
      )}
      <ErrorBox error={error} t={t} />
      {screen.kind === 'waiting' && <p class="rating-pad-window">{words.window(window)}</p>}
      {(screen.kind === 'levels' || screen.kind === 'reasons') && (
        <section class="rating-pad-ask" aria-labelledby="rating-pad-ask">
          <h1 id="rating-pad-ask">{words.pad.askRating}</h1>
          <p class="rating-pad-ticket">{words.pad.ticket(screen.ticket.label, business(screen.ticket.business))}</p>
          {screen.kind === 'levels' ? (
            <div class="rating-pad-levels">
              {QUEUE_RATING_LEVELS.map((level) => (
                <button
                  key={level}
                  type="button"
                  data-level={level}
                  onClick={() =>
                    setMemory((last) => ({ ...last, choice: { ticketId: screen.ticket.ticketId, level, reasons: [] } }))
                  }
                >
                  {names.levels[level]}
                </button>
              ))}
            </div>
          ) : (
            <>
              <p class="rating-pad-level">{names.levels[screen.level]}</p>
              <fieldset class="rating-pad-reasons">
                <legend>{words.pad.reasonsHint}</legend>
                {QUEUE_REASONS_BY_LEVEL[screen.level].map((reason) => (
                  <button
                    key={reason}
                    type="button"
                    aria-pressed={screen.reasons.includes(reason)}
                    onClick={() =>
                      setMemory((last) => ({
                        ...last,
                        choice: {
                          ticketId: screen.ticket.ticketId,
                          level: screen.level,
                          reasons: toggled(screen.reasons, reason),
                        },
                      }))
                    }
                  >
                    {names.reasons[reason]}
                  </button>
                ))}
              </fieldset>
              <div class="buttons">
                <button type="button" class="primary" disabled={sending} onClick={() => void send()}>
                  {words.pad.submit}
                </button>
                <button type="button" onClick={() => setMemory((last) => ({ ...last, choice: undefined }))}>
                  {words.pad.back}
                </button>
              </div>
            </>
          )}
        </section>
      )}
      {screen.kind === 'thanks' && (
        <section class="rating-pad-thanks" role="status">
          <h1>{words.pad.thanks}</h1>
          {screen.followUp && <p>{words.pad.followUp}</p>}
        </section>
      )}
    </main>
  );
}
