/** The audit trail of the chosen node and below, in words: filters (by kind of record too), pages, each change's changed fields, CSV export. */
import { useEffect, useState } from 'preact/hooks';
import {
  AUDIT_SUBJECTS,
  type AuditEntry,
  type AuditPage as AuditPageData,
  type Locale,
  type OrgTree,
} from '@linli/protocol';
import { api } from './api';
import { actionWords, changedFields, objectWords } from './audit-words';
import { useActions } from './feedback';
import type { AdminStrings } from './i18n';
import { PAGE_SIZE, Pager } from './pager';

/** The record in words (办事指南「居住证申领」), its id small below when a name stands for it. */
function ObjectCell(props: { t: AdminStrings; entry: AuditEntry }) {
  const { kind, name } = objectWords(props.t, props.entry);
  const id = props.entry.targetId;
  return (
    <>
      {kind}
      {name}
      {name !== undefined && name !== id && id !== '-' && <div class="muted">{id}</div>}
    </>
  );
}

/** Before and after as the fields that changed, named in words; the whole entry stays in the CSV export. */
function Change(props: { t: AdminStrings; locale: Locale; entry: AuditEntry }) {
  const { t, entry } = props;
  if (entry.before === null && entry.after === null) return null;
  const changes = changedFields(t, props.locale, entry.before, entry.after);
  if (changes.length === 0) return null;
  return (
    <details>
      <summary>{t.details}</summary>
      <table class="change">
        <thead>
          <tr>
            <th>{t.ui.audit.field}</th>
            <th>{t.before}</th>
            <th>{t.after}</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((change) => (
            <tr key={change.key} data-field={change.key}>
              <th scope="row">{change.field}</th>
              <td>{change.before}</td>
              <td>{change.after}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

export function AuditPage(props: { t: AdminStrings; locale: Locale; tree: OrgTree; selected: number }) {
  const { t } = props;
  const [filter, setFilter] = useState({ actor: '', subject: '', action: '', outcome: '', since: '', until: '' });
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<AuditPageData | null>(null);
  const { feedback, setError } = useActions(t);
  // Dates are picked as local days; the API takes instants.
  const query = {
    orgId: props.selected,
    actor: filter.actor.trim(),
    subject: filter.subject,
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
  return (
    <section class="stack">
      <div class="toolbar">
        <input aria-label={t.actor} placeholder={t.actor} value={filter.actor} onInput={set('actor')} />
        <select aria-label={t.ui.audit.subject} value={filter.subject} onChange={set('subject')}>
          <option value="">{t.ui.audit.allSubjects}</option>
          {AUDIT_SUBJECTS.map((subject) => (
            <option key={subject} value={subject}>
              {t.ui.audit.subjects[subject]}
            </option>
          ))}
        </select>
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
                  <td>{actionWords(t, entry.action)}</td>
                  <td>
                    <ObjectCell t={t} entry={entry} />
                  </td>
                  <td>{entry.from}</td>
                  <td class={entry.outcome === 'ok' ? '' : 'warn'}>{t.outcomes[entry.outcome]}</td>
                  <td>
                    <Change t={t} locale={props.locale} entry={entry} />
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
