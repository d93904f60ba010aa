/**
 * A calling display (叫号屏) in its zone: the hall's newest call as large as the zone allows
 * (「A012 → 3号窗口」, flashing when it comes), each window's last number below or beside it, and how
 * many wait for each business. Before the host has the hall's state, it says it is connecting;
 * when the host lost the hall's stream, the last calls stay with a note that they may be old.
 */
import { useRef } from 'preact/hooks';
import type { PlayerQueueHall } from '@linli/protocol';
import { callBoard, callWords, type CallBoard } from './call-board';
import { useReadyOnMount } from './items';
import { useFittedFontSize } from './use-fitted-font';

export function QueueCallsItem(props: { hallId: number; hall: PlayerQueueHall | undefined; onReady: () => void }) {
  useReadyOnMount(props.onReady);
  const state = props.hall?.state;
  if (!state)
    return (
      <div class="queue-board" data-hall-id={props.hallId}>
        <div class="queue-connecting">正在连接服务大厅…</div>
      </div>
    );
  const board = callBoard(state);
  return (
    <div class="queue-board" data-hall-id={props.hallId} data-live={String(props.hall?.live ?? false)}>
      <header class="queue-head">
        <span class="queue-hall-name">{board.hallName}</span>
        {!props.hall?.live && <span class="queue-offline">连接中断，显示的是最后收到的叫号</span>}
      </header>
      {/* A new call is a new element: it flashes as it comes, a recall of the same number too. */}
      <NewestCall key={board.newest?.seq ?? 0} newest={board.newest} />
      <Windows windows={board.windows} />
      <ul class="queue-businesses">
        {board.businesses.map((business) => (
          <li key={business.id} class="queue-business">
            {business.name}{' '}
            {business.open ? (
              <>
                等候 <strong>{business.waiting}</strong> 人
                {business.waiting > 0 && ` · 约 ${business.estimatedMinutes} 分钟`}
              </>
            ) : (
              '暂停取号'
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

function NewestCall(props: { newest: CallBoard['newest'] }) {
  const box = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const { newest } = props;
  const text = newest ? callWords(newest) : '等待叫号';
  // As large as the box allows, read from across the hall: a tall box puts the window under the number.
  useFittedFontSize(box, content, text, (element) => 0.8 * element.clientHeight);
  return (
    <div class={newest ? 'queue-newest fresh' : 'queue-newest'} data-seq={newest?.seq}>
      <div class="queue-newest-fit" ref={box}>
        <div class="queue-newest-call" ref={content}>
          {newest ? (
            <>
              <span class="queue-call-part">{newest.label}</span>{' '}
              <span class="queue-call-part">→ {newest.window}号窗口</span>
            </>
          ) : (
            text
          )}
        </div>
      </div>
    </div>
  );
}

function Windows(props: { windows: CallBoard['windows'] }) {
  return (
    <ol class="queue-windows">
      {props.windows.map((window) => (
        <li
          key={window.number}
          class="queue-window"
          data-window={window.number}
          data-paused={window.paused || undefined}
        >
          <span class="queue-window-name">
            {window.number}号窗口{window.name && <small> {window.name}</small>}
          </span>
          <span class="queue-window-label">{window.paused ? '暂停服务' : (window.label ?? '—')}</span>
        </li>
      ))}
    </ol>
  );
}
