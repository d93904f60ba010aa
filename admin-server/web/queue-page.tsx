/**
 * 排队叫号: the service halls in the user's subtree, each live (windows, waiting, calls, pushed by
 * the server as they happen), its statistics (统计) and, for those who set halls up (queue.manage),
 * its settings; a new hall is made here too.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Locale, OrgTree, QueueHall, SessionView } from '@linli/protocol';
import { api } from './api';
import { useActions } from './feedback';
import type { AdminStrings } from './i18n';
import { QueueHallForm, blankHall, hallInput } from './queue-hall-form';
import { useHallState } from './queue-hall-state';
import { HallLive } from './queue-live';
import { QueueStatsPanel } from './queue-stats-panel';
import { QUEUE_WORDS } from './queue-words';

type Tab = 'live' | 'settings' | 'stats';

export function QueuePage(props: { t: AdminStrings; locale: Locale; tree: OrgTree; session: SessionView }) {
  const { t, tree, session } = props;
  const words = QUEUE_WORDS[props.locale];
  const canManage = session.permissions.includes('queue.manage');
  const [halls, setHalls] = useState<QueueHall[] | null>(null);
  const [shown, setShown] = useState<number | 'new' | null>(null);
  const [tab, setTab] = useState<Tab>('live');
  const { feedback, revision, setError, act } = useActions(t);
  useEffect(
    () =>
      void api.queueHalls().then((list) => {
        setHalls(list.halls);
        setShown((current) =>
          current === 'new' || list.halls.some((h) => h.id === current) ? current : (list.halls[0]?.id ?? null),
        );
      }, setError),
    [revision],
  );
  const hall = typeof shown === 'number' ? halls?.find((h) => h.id === shown) : undefined;
  const { state, live } = useHallState(hall && tab === 'live' ? hall.id : null);
  if (!halls) return <div class="stack">{feedback}</div>;

  return (
    <section class="stack" aria-labelledby="queue-title">
      <h2 id="queue-title">{words.title}</h2>
      <p class="muted">{words.hint}</p>
      {feedback}
      <div class="buttons wrap">
        <div class="buttons" role="tablist" aria-label={words.hall}>
          {halls.map((h) => (
            <button key={h.id} role="tab" aria-selected={h.id === shown} onClick={() => setShown(h.id)}>
              {h.name}
            </button>
          ))}
        </div>
        {canManage && (
          <button
            type="button"
            aria-pressed={shown === 'new'}
            onClick={() => {
              setShown('new');
              setTab('settings');
            }}
          >
            {words.newHall}
          </button>
        )}
      </div>
      {halls.length === 0 && shown !== 'new' && <p class="muted">{words.noHalls}</p>}
      {shown === 'new' && (
        <QueueHallForm
          t={t}
          words={words}
          tree={tree}
          initial={blankHall(session.orgId)}
          canDelete={false}
          onSave={async (input) => {
            const created = await api.createQueueHall(input);
            await act(() => Promise.resolve(words.created(created.name)));
            setShown(created.id);
          }}
          onDelete={() => Promise.resolve()}
        />
      )}
      {hall && (
        <>
          <div class="buttons" role="tablist" aria-label={hall.name}>
            {(canManage ? (['live', 'settings', 'stats'] as const) : (['live', 'stats'] as const)).map((name) => (
              <button key={name} role="tab" aria-selected={tab === name} onClick={() => setTab(name)}>
                {words[name]}
              </button>
            ))}
          </div>
          {tab === 'stats' ? (
            <QueueStatsPanel key={hall.id} t={t} locale={props.locale} words={words} hall={hall} />
          ) : tab === 'live' || !canManage ? (
            state && <HallLive words={words} state={state} live={live} />
          ) : (
            <QueueHallForm
              key={`${hall.id}-${hall.version}`}
              t={t}
              words={words}
              tree={tree}
              hall={hall}
              initial={hallInput(hall)}
              canDelete
              onSave={async (input) => {
                const saved = await api.saveQueueHall(hall.id, input, hall.version);
                await act(() => Promise.resolve(words.saved(saved.name)));
              }}
              onDelete={async () => {
                await api.deleteQueueHall(hall.id, hall.version);
                await act(() => Promise.resolve(words.deleted(hall.name)));
                setShown(null);
              }}
            />
          )}
        </>
      )}
    </section>
  );
}
