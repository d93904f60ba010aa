/** The audit trail of the chosen node and below: filters, pages, each change's before and after, CSV export. */
import { useEffect, useState } from 'preact/hooks';
import type { AuditEntry, AuditPage as AuditPageData, OrgTree } from '@linli/protocol';
import { api } from './api';
import { useActions } from './feedback';
import type { AdminStrings } from './i18n';
import { PAGE_SIZE, Pager } from './pager';

function Change(props: { t: AdminStrings; entry: AuditEntry }) {
  const { t, entry } = props;
  if (entry.before === null && entry.after === null) return null;
  return (
    <details>
      <summary>{t.details}</summary>
      <div class="change">
        {entry.before !== null && (
          <div>
            <strong>{t.before}</strong>
            <pre>{JSON.stringify(entry.before, null, 1)}</pre>
          </div>
        )}
        {entry.after !== null && (
          <div>
            <strong>{t.after}</strong>
            <pre>{JSON.stringify(entry.after, null, 1)}</pre>
          </div>
        )}
      </div>
    </details>
  );
}

export function AuditPage(props: { t: AdminStrings; tree: OrgTree; selected: number }) {
  const { t } = props;
  const [filter, setFilter] = useState({ actor: '', action: '', outcome: '', since: '', until: '' });
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<AuditPageData | null>(null);
  const { feedback, setError } = useActions(t);
  // Dates are picked as local days; the API takes instants.
  const query = {
    orgId: props.selected,
    actor: filter.actor.trim(),
    action: filter.action,
    outcome: filter.outcome,
    since: filter.since ? new Date(`${filter.since}T00:00:00`).toISOString() : undefined,
    until: filter.until
      ? new Date(new Date(`${filter.until}T00:00:00`).getTime() + 86_400_000).toISOString()
      : undefined,
  };
  const key = JSON.stringify(query);
  useEffect(() => setOffset(0), [key]);
  useEffect(() => void api.audit({ ...query, offset, limit: PAGE_SIZE }).then(setPage, setError), [key, offset]);
  const set = (name: keyof typeof filter) => (event: Event) =>
    setFilter({ ...filter, [name]: (event.target as HTMLInputElement).value });
  const actionName = (action: string) => {
    const group = Object.keys(t.actionGroups).find((prefix) => action.startsWith(prefix));
    return group ? `${t.actionGroups[group]} · ${action.slice(group.length)}` : action;
  };
  return (
    <section class="stack">
      <div class="toolbar">
        <input aria-label={t.actor} placeholder={t.actor} value={filter.actor} onInput={set('actor')} />
        <select aria-label={t.action} value={filter.action} onChange={set('action')}>
          <option value="">{t.allActions}</option>
          {Object.entries(t.actionGroups).map(([prefix, name]) => (
            <option key={prefix} value={prefix}>
              {name}
            </option>
          ))}
        </select>
        <select aria-label={t.outcome} value={filter.outcome} onChange={set('outcome')}>
          <option value="">{t.allOutcomes}</option>
          {Object.entries(t.outcomes).map(([value, name]) => (
            <option key={value} value={value}>
              {name}
            </option>
          ))}
        </select>
        <label class="inline">
          {t.since}
          <input type="date" value={filter.since} onInput={set('since')} />
        </label>
        <label class="inline">
          {t.until}
          <input type="date" value={filter.until} onInput={set('until')} />
        </label>
        <a class="button" href={api.auditExportUrl(query)} download="linli-audit.csv">
          {t.exportCsv}
        </a>
      </div>
      {feedback}
      {page && (
        <>
          <table class="audit">
            <thead>
              <tr>
                <th>{t.when}</th>
                <th>{t.actor}</th>
                <th>{t.action}</th>
                <th>{t.target}</th>
                <th>{t.from}</th>
                <th>{t.outcome}</th>
                <th>{t.details}</th>
              </tr>
            </thead>
            <tbody>
              {page.entries.map((entry) => (
                <tr key={entry.id} data-action={entry.action}>
                  <td>{new Date(entry.at).toLocaleString('zh-CN', { hour12: false })}</td>
                  <td>{entry.actor}</td>
                  <td>{actionName(entry.action)}</td>
                  <td>
                    {entry.targetType}: {entry.targetId}
                  </td>
                  <td>{entry.from}</td>
                  <td class={entry.outcome === 'ok' ? '' : 'warn'}>{t.outcomes[entry.outcome]}</td>
                  <td>
                    <Change t={t} entry={entry} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager t={t} offset={offset} total={page.total} onOffset={setOffset} />
        </>
      )}
    </section>
  );
}
