/**
 * 窗口叫号: a clerk at one window of a hall. The window is chosen once and remembered on this
 * computer; the current ticket is shown large with the steps it allows (叫号, 重呼, 过号, 办结, 转移,
 * 暂停/恢复 — each also on a key), the hall's waiting list beside it, all kept live by the hall's
 * event stream. Refusals (nobody waiting, the window paused, a ticket already finished elsewhere)
 * are said above the buttons. 打开评价器 opens the window's rating pad (rating-pad-page) beside it.
 */
import { useEffect, useState } from 'preact/hooks';
import {
  LinliError,
  QUEUE_CALLS_MAX,
  type Locale,
  type QueueActionInput,
  type QueueHall,
  type QueueHallState,
} from '@linli/protocol';
import { api } from './api';
import { useActions } from './feedback';
import type { AdminStrings } from './i18n';
import { useHallState } from './queue-hall-state';
import { TicketLine, WaitingList } from './queue-live';
import { QUEUE_WORDS } from './queue-words';
import { padHash } from './rating-pad';

type Words = (typeof QUEUE_WORDS)['zh-Hans'];
type Seat = { hallId: number; window: number };

const SEAT_KEY = 'linli.counter.seat';
/** Keys for the steps, typed anywhere but in a field. */
const KEYS: Record<string, QueueActionInput['action'] | 'transfer' | 'pause-or-resume'> = {
  n: 'call-next',
  r: 'recall',
  x: 'no-show',
  f: 'finish',
  t: 'transfer',
  p: 'pause-or-resume',
};

function rememberedSeat(): Seat | null {
  try {
    const seat = JSON.parse(localStorage.getItem(SEAT_KEY) ?? 'null') as Seat | null;
    return seat && Number.isInteger(seat.hallId) && Number.isInteger(seat.window) ? seat : null;
  } catch {
    return null;
  }
}

function SeatChooser(props: { words: Words; halls: QueueHall[]; onChoose: (seat: Seat) => void }) {
  const { words, halls } = props;
  const [hallId, setHallId] = useState(halls[0]!.id);
  const hall = halls.find((h) => h.id === hallId) ?? halls[0]!;
  const [window, setWindow] = useState(hall.windows[0]!.number);
  return (
    <form
      class="editor stack counter-seat"
      onSubmit={(event) => {
        event.preventDefault();
        props.onChoose({ hallId: hall.id, window });
      }}
    >
      <p class="muted">{words.counterHint}</p>
      <label class="field">
        <span>{words.hall}</span>
        <select
          name="hall"
          value={String(hall.id)}
          onChange={(e) => {
            const next = halls.find((h) => h.id === Number((e.target as HTMLSelectElement).value))!;
            setHallId(next.id);
            setWindow(next.windows[0]!.number);
          }}
        >
          {halls.map((h) => (
            <option key={h.id} value={String(h.id)}>
              {h.name}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        <span>{words.chooseWindow}</span>
        <select
          name="window"
          value={String(window)}
          onChange={(e) => setWindow(Number((e.target as HTMLSelectElement).value))}
        >
          {hall.windows.map((w) => (
            <option key={w.number} value={String(w.number)}>
              {words.window(w.number)}
              {w.name ? ` · ${w.name}` : ''}
            </option>
          ))}
        </select>
      </label>
      <div class="buttons">
        <button type="submit" class="primary">
          {words.startServing}
        </button>
      </div>
    </form>
  );
}

function TransferForm(props: {
  words: Words;
  state: QueueHallState;
  label: string;
  window: number;
  onTransfer: (input: QueueActionInput) => void;
  onCancel: () => void;
}) {
  const { words, state } = props;
  const [toBusiness, setToBusiness] = useState('');
  const [toWindow, setToWindow] = useState('');
  const [note, setNote] = useState('');
  return (
    <form
      class="editor stack counter-transfer"
      aria-label={words.transferTitle(props.label)}
      onSubmit={(event) => {
        event.preventDefault();
        props.onTransfer({
          action: 'transfer',
          ...(toBusiness && { toBusiness }),
          ...(toWindow && { toWindow: Number(toWindow) }),
          ...(note.trim() && { note: note.trim() }),
        });
      }}
    >
      <h3>{words.transferTitle(props.label)}</h3>
      <label class="field">
        <span>{words.toBusiness}</span>
        <select
          name="toBusiness"
          value={toBusiness}
          onChange={(e) => setToBusiness((e.target as HTMLSelectElement).value)}
        >
          <option value="">{words.sameBusiness}</option>
          {state.businesses.map((b) => (
            <option key={b.id} value={b.id}>
              {b.prefix} · {b.name}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        <span>{words.toWindow}</span>
        <select name="toWindow" value={toWindow} onChange={(e) => setToWindow((e.target as HTMLSelectElement).value)}>
          <option value="">{words.anyWindow}</option>
          {state.windows
            .filter((w) => w.number !== props.window)
            .map((w) => (
              <option key={w.number} value={String(w.number)}>
                {words.window(w.number)}
              </option>
            ))}
        </select>
      </label>
      <label class="field">
        <span>{words.note}</span>
        <input
          name="note"
          value={note}
          maxLength={200}
          onInput={(e) => setNote((e.target as HTMLInputElement).value)}
        />
      </label>
      <div class="buttons">
        <button type="submit" class="primary">
          {words.confirmTransfer}
        </button>
        <button type="button" onClick={props.onCancel}>
          {words.cancel}
        </button>
      </div>
    </form>
  );
}

function Counter(props: { t: AdminStrings; words: Words; hall: QueueHall; window: number; onChange: () => void }) {
  const { t, words, hall, window } = props;
  const { state, live, update } = useHallState(hall.id);
  const { feedback, act, setError } = useActions(t);
  const [transferring, setTransferring] = useState(false);
  const mine = state?.windows.find((w) => w.number === window);
  const current = mine?.current;

  const perform = (input: QueueActionInput) =>
    act(async () => {
      const reply = await api.queueAction(hall.id, window, input);
      update(reply.state);
      setTransferring(false);
      const label = reply.ticket?.label ?? current?.label ?? '';
      if (input.action === 'call-next' || input.action === 'recall') return words.called(label, window);
      if (input.action === 'finish') return words.done(label);
      if (input.action === 'no-show') return words.missed(label);
      if (input.action === 'transfer') return words.transferred(label);
      return input.action === 'pause' ? words.pausedNotice : words.resumedNotice;
    });

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.ctrlKey || event.metaKey || event.altKey || transferring) return;
      if (target && ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName)) return;
      const step = KEYS[event.key.toLowerCase()];
      if (!step) return;
      event.preventDefault();
      if (step === 'transfer') {
        if (current) setTransferring(true);
        else setError(new LinliError('QUEUE_TICKET_STATE_INVALID'));
      } else if (step === 'pause-or-resume') void perform({ action: mine?.paused ? 'resume' : 'pause' });
      else void perform({ action: step });
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });

  if (!state || !mine) return <div class="stack">{feedback}</div>;
  const button = (action: QueueActionInput['action'], enabled: boolean, primary = false) => (
    <button
      type="button"
      class={primary ? 'primary' : undefined}
      disabled={!enabled}
      data-action={action}
      onClick={() => (action === 'transfer' ? setTransferring(true) : void perform({ action }))}
    >
      {words.actions[action]}
    </button>
  );
  return (
    <div class="counter stack">
      <div class="buttons wrap">
        <strong>{words.serving(window, hall.name)}</strong>
        <button type="button" onClick={props.onChange}>
          {words.changeWindow}
        </button>
        <button
          type="button"
          title={words.openPadHint}
          // A window of its own, dragged to the tablet or second screen and made full screen there.
          onClick={() => globalThis.open(padHash(hall.id, window), `linli-rating-pad-${hall.id}-${window}`, 'popup')}
        >
          {words.openPad}
        </button>
      </div>
      {!live && (
        <p class="error" role="status">
          {words.reconnecting}
        </p>
      )}
      {feedback}
      <div class="counter-columns">
        <section class="counter-current" aria-labelledby="counter-current">
          <h3 id="counter-current">{words.current}</h3>
          {current ? (
            <div class="counter-ticket">
              <TicketLine words={words} state={state} ticket={current} />
              <p class="muted">{words.calls(current.calls)}</p>
            </div>
          ) : (
            <p class="muted">{mine.paused ? words.pausedNotice : words.noCurrent}</p>
          )}
          <div class="buttons wrap counter-actions">
            {button('call-next', !current && !mine.paused, !current)}
            {button('recall', !!current && current.calls < QUEUE_CALLS_MAX)}
            {button('no-show', !!current)}
            {button('finish', !!current, !!current)}
            {button('transfer', !!current)}
            {mine.paused ? button('resume', true) : button('pause', true)}
          </div>
          <p class="muted">{words.shortcuts}</p>
          {transferring && current && (
            <TransferForm
              words={words}
              state={state}
              label={current.label}
              window={window}
              onTransfer={(input) => void perform(input)}
              onCancel={() => setTransferring(false)}
            />
          )}
        </section>
        <section aria-labelledby="counter-waiting">
          <h3 id="counter-waiting">
            {words.waiting} <span class="muted">{words.waitingCount(state.waiting.length)}</span>
          </h3>
          <WaitingList words={words} state={state} limit={20} />
        </section>
      </div>
    </div>
  );
}

export function CounterPage(props: { t: AdminStrings; locale: Locale }) {
  const { t } = props;
  const words = QUEUE_WORDS[props.locale];
  const [halls, setHalls] = useState<QueueHall[] | null>(null);
  const [seat, setSeat] = useState<Seat | null>(rememberedSeat);
  const { feedback, setError } = useActions(t);
  useEffect(() => void api.queueHalls().then((list) => setHalls(list.halls), setError), []);
  const choose = (next: Seat | null) => {
    if (next) localStorage.setItem(SEAT_KEY, JSON.stringify(next));
    else localStorage.removeItem(SEAT_KEY);
    setSeat(next);
  };
  const hall = seat && halls?.find((h) => h.id === seat.hallId);
  const seated = hall && hall.windows.some((w) => w.number === seat!.window) ? seat : null;
  return (
    <section class="stack" aria-labelledby="counter-title">
      <h2 id="counter-title">{words.counterTitle}</h2>
      {feedback}
      {halls && halls.length === 0 && <p class="muted">{words.noHalls}</p>}
      {halls && halls.length > 0 && !seated && <SeatChooser words={words} halls={halls} onChoose={choose} />}
      {hall && seated && (
        <Counter
          key={`${seated.hallId}-${seated.window}`}
          t={t}
          words={words}
          hall={hall}
          window={seated.window}
          onChange={() => choose(null)}
        />
      )}
    </section>
  );
}
