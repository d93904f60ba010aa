/**
 * 提醒 in the header, for staff who see cases: how many reminders of limits are unread (临期 yellow,
 * 超期 red), asked every minute; opened, the list — each entry opens its case and is marked read.
 */
import { useEffect, useState } from 'preact/hooks';
import type { CaseReminder, CaseReminderList } from '@linli/protocol';
import { api } from './api';
import { reminderWords } from './case-words';
import type { AdminStrings } from './i18n';

const POLL_MS = 60_000;

export function ReminderBell(props: { t: AdminStrings; onOpenCase: (id: number) => void }) {
  const { t } = props;
  const words = t.ui.cases.reminders;
  const [list, setList] = useState<CaseReminderList | null>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    // A failed poll leaves the last count; the next one tries again.
    const load = () => void api.caseReminders().then(setList, () => undefined);
    load();
    const timer = setInterval(load, POLL_MS);
    return () => clearInterval(timer);
  }, []);
  const unread = list?.unread ?? 0;
  const follow = (reminder: CaseReminder) => {
    setOpen(false);
    props.onOpenCase(reminder.caseId);
    if (!reminder.read) void api.markRemindersRead({ ids: [reminder.id] }).then(setList, () => undefined);
  };
  return (
    <div class="reminder-bell">
      <button
        aria-expanded={open}
        aria-controls="reminder-list"
        class={unread > 0 ? 'has-unread' : undefined}
        onClick={() => setOpen(!open)}
      >
        {words.button(unread)}
      </button>
      {open && list && (
        <section id="reminder-list" class="reminder-list" aria-label={words.title}>
          <h2>{words.title}</h2>
          {list.reminders.length === 0 ? (
            <p class="muted">{words.none}</p>
          ) : (
            <>
              <ul>
                {list.reminders.map((reminder) => (
                  <li key={reminder.id} data-light={reminder.light} data-read={reminder.read}>
                    <button onClick={() => follow(reminder)}>{reminderWords(t, reminder)}</button>
                  </li>
                ))}
              </ul>
              {unread > 0 && (
                <button onClick={() => void api.markRemindersRead({ all: true }).then(setList, () => undefined)}>
                  {words.markAllRead}
                </button>
              )}
            </>
          )}
        </section>
      )}
    </div>
  );
}
