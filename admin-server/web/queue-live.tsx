/**
 * The hall now, as staff see it: each window with its ticket (or 空闲 / 暂停服务), each business with
 * its waiting count and wait, the tickets waiting in the order windows will call them, and the
 * latest calls. The 排队叫号 page shows it whole; the counter shows the waiting list beside its ticket.
 */
import type { QueueHallState, QueueTicket } from '@linli/protocol';
import { localMinute } from './datetime-input';
import type { QUEUE_WORDS } from './queue-words';

type Words = (typeof QUEUE_WORDS)['zh-Hans'];

const clock = (iso: string) => localMinute(iso).slice(11);

/** A ticket on one line: its number, priority, business and how long it has waited or been served. */
export function TicketLine(props: { words: Words; state: QueueHallState; ticket: QueueTicket }) {
  const { words, state, ticket } = props;
  const business = state.businesses.find((b) => b.id === ticket.business);
  return (
    <span class="queue-ticket" data-label={ticket.label} data-state={ticket.state}>
      <strong class="queue-label">{ticket.label}</strong>
      {ticket.priority !== 'none' && <span class="badge">{words.priorities[ticket.priority]}</span>}
      <span>{business?.name ?? ticket.business}</span>
      <span class="muted">{words.taken(clock(ticket.takenAt))}</span>
      {ticket.transfer && (
        <span class="muted">
          {words.transferredFrom(ticket.transfer.fromWindow)}
          {ticket.transfer.note ? ` · ${ticket.transfer.note}` : ''}
        </span>
      )}
    </span>
  );
}

export function WaitingList(props: { words: Words; state: QueueHallState; limit?: number }) {
  const { words, state } = props;
  const shown = state.waiting.slice(0, props.limit ?? 50);
  return shown.length === 0 ? (
    <p class="muted">{words.nobodyWaiting}</p>
  ) : (
    <ol class="queue-waiting">
      {shown.map((ticket) => (
        <li key={ticket.id}>
          <TicketLine words={words} state={state} ticket={ticket} />
        </li>
      ))}
    </ol>
  );
}

export function HallLive(props: { words: Words; state: QueueHallState; live: boolean }) {
  const { words, state } = props;
  return (
    <div class="queue-live stack">
      {!props.live && (
        <p class="error" role="status">
          {words.reconnecting}
        </p>
      )}
      <section aria-label={words.windows}>
        <ul class="queue-windows">
          {state.windows.map((window) => (
            <li
              key={window.number}
              class="queue-window"
              data-window={window.number}
              data-paused={window.paused ? 'true' : undefined}
            >
              <h4>
                {words.window(window.number)}
                {window.name && <span class="muted"> {window.name}</span>}
              </h4>
              {window.current ? (
                <>
                  <TicketLine words={words} state={state} ticket={window.current} />
                  <span class="muted">{words.calls(window.current.calls)}</span>
                </>
              ) : (
                <span class="muted">{window.paused ? words.paused : words.idle}</span>
              )}
              {window.paused && window.current && <span class="badge">{words.paused}</span>}
            </li>
          ))}
        </ul>
      </section>
      <div class="queue-columns">
        <section aria-labelledby="queue-businesses">
          <h3 id="queue-businesses">{words.businesses}</h3>
          <table class="queue-businesses">
            <tbody>
              {state.businesses.map((business) => (
                <tr key={business.id} data-business={business.id}>
                  <th>
                    {business.prefix} · {business.name}
                  </th>
                  <td>{words.waitingCount(business.waiting)}</td>
                  <td>{business.open ? words.about(business.estimatedMinutes) : words.closedBusiness}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>{words.waiting}</h3>
          <WaitingList words={words} state={state} />
        </section>
        <section aria-labelledby="queue-calls">
          <h3 id="queue-calls">{words.recentCalls}</h3>
          {state.calls.length === 0 ? (
            <p class="muted">{words.noCalls}</p>
          ) : (
            <ol class="queue-calls">
              {state.calls.map((call) => (
                <li key={call.seq} data-seq={call.seq}>
                  <span class="muted">{clock(call.at)}</span> {words.callText(call.label, call.window)}
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
    </div>
  );
}
