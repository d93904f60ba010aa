/**
 * 播放记录 (opened from 信息发布): what played on which screen over a period, per item with plays,
 * time on screen and the first and last times, totals below; filtered by period (with quick
 * picks), organisation node, publication and screen; downloadable as CSV or Excel with the same
 * filters. A period the server refuses is said under the date it concerns.
 */
import { useEffect, useState } from 'preact/hooks';
import {
  LinliError,
  type DeviceView,
  type OrgTree,
  type ProofOfPlayQuery,
  type ProofOfPlayReport as Report,
  type SignageView,
} from '@linli/protocol';
import { api } from './api';
import { Field, ErrorBox, fieldErrors } from './feedback';
import type { AdminStrings } from './i18n';
import { isBelow, ownSubtree } from './org-tree';
import { PERIOD_PICKS, periodOf, pickOf, playTimeWords, playedItem, reportTime } from './proof-of-play';
import { itemWords, layoutName } from './signage-words';

/** The screens a node's report may be narrowed to: its players and those below it. */
function playersUnder(tree: OrgTree, devices: readonly DeviceView[], orgId: number): DeviceView[] {
  return devices.filter(
    (device) => device.kind === 'player' && (device.orgId === orgId || isBelow(tree, device.orgId, orgId)),
  );
}

export function ProofOfPlayReport(props: {
  t: AdminStrings;
  tree: OrgTree;
  /** A notice item's title, for the words of notice items. */
  noticeTitle: (id: string) => string;
  onBack: () => void;
}) {
  const { t, tree } = props;
  const words = t.ui.signage.plays;
  const [filter, setFilter] = useState(() => ({
    ...periodOf('last7Days', Date.now()),
    orgId: tree.rootId,
    publicationId: '',
    deviceId: '',
  }));
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<LinliError | null>(null);
  const [loading, setLoading] = useState(false);
  const [publications, setPublications] = useState<SignageView[]>([]);
  const [devices, setDevices] = useState<DeviceView[]>([]);
  const query: ProofOfPlayQuery = {
    from: filter.from,
    to: filter.to,
    orgId: filter.orgId,
    publicationId: filter.publicationId || undefined,
    deviceId: filter.deviceId || undefined,
  };
  const key = JSON.stringify(query);
  useEffect(() => {
    void api.listSignage({ limit: 200 }).then(
      (list) => setPublications(list.publications),
      () => setPublications([]),
    );
    void api.devices().then(
      (list) => setDevices(list.devices),
      () => setDevices([]),
    );
  }, []);
  useEffect(() => {
    // Only the answer for the filter now shown counts: an earlier, slower one is dropped.
    let current = true;
    setLoading(true);
    api.proofOfPlay(query).then(
      (loaded) => {
        if (!current) return;
        setReport(loaded);
        setError(null);
        setLoading(false);
      },
      (caught: unknown) => {
        if (!current) return;
        setReport(null);
        setError(caught instanceof LinliError ? caught : new LinliError('INTERNAL', String(caught)));
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [key]);

  const problems = fieldErrors(t, error, 'plays');
  const picked = pickOf(filter, Date.now());
  const screens = playersUnder(tree, devices, filter.orgId);
  const set = (name: 'from' | 'to' | 'publicationId' | 'deviceId') => (event: Event) =>
    setFilter({ ...filter, [name]: (event.target as HTMLInputElement | HTMLSelectElement).value });
  const setOrg = (event: Event) => {
    const orgId = Number((event.target as HTMLSelectElement).value);
    // A screen outside the new node would leave the report empty for no visible reason.
    const keepsScreen = playersUnder(tree, devices, orgId).some((device) => device.id === filter.deviceId);
    setFilter({ ...filter, orgId, deviceId: keepsScreen ? filter.deviceId : '' });
  };
  const dateField = (name: 'from' | 'to') => (
    <Field label={words[name]} note={problems.note(name)}>
      <input type="date" name={name} value={filter[name]} onInput={set(name)} {...problems.control(name)} />
    </Field>
  );
  const publicationOf = (id: string) => publications.find((publication) => publication.id === id);

  return (
    <section class="stack proof-of-play" aria-labelledby="plays-title">
      <div class="toolbar">
        <button onClick={props.onBack}>{words.back}</button>
        <h2 id="plays-title">{words.title}</h2>
      </div>
      <p class="muted">{words.hint}</p>
      <div class="row plays-filters">
        {dateField('from')}
        {dateField('to')}
        <div class="buttons" role="group" aria-label={words.periodPicks}>
          {PERIOD_PICKS.map((pick) => (
            <button
              key={pick}
              aria-pressed={pick === picked}
              onClick={() => setFilter({ ...filter, ...periodOf(pick, Date.now()) })}
            >
              {words.periods[pick]}
            </button>
          ))}
        </div>
        <Field label={words.org} note={problems.note('orgId')}>
          <select name="orgId" value={filter.orgId} onChange={setOrg} {...problems.control('orgId')}>
            {ownSubtree(tree).map(({ node, depth }) => (
              <option key={node.id} value={node.id}>
                {'\u3000'.repeat(depth)}
                {node.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={words.publication}>
          <select name="publicationId" value={filter.publicationId} onChange={set('publicationId')}>
            <option value="">{words.allPublications}</option>
            {publications.map((publication) => (
              <option key={publication.id} value={publication.id}>
                {publication.title}
              </option>
            ))}
          </select>
        </Field>
        <Field label={words.screen}>
          <select name="deviceId" value={filter.deviceId} onChange={set('deviceId')}>
            <option value="">{words.allScreens}</option>
            {screens.map((device) => (
              <option key={device.id} value={device.id}>
                {device.revoked ? words.revokedScreen(device.name) : device.name}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {report && !error && (
        <div class="buttons">
          <a class="button" href={api.proofOfPlayExportUrl(query, 'csv')} download>
            {words.exportCsv}
          </a>
          <a class="button" href={api.proofOfPlayExportUrl(query, 'xlsx')} download>
            {words.exportXlsx}
          </a>
        </div>
      )}
      <ErrorBox error={error} t={t} />
      {report && !error && (
        <>
          <table class="plays" aria-labelledby="plays-title" aria-busy={loading ? 'true' : undefined}>
            <thead>
              <tr>
                <th>{words.screen}</th>
                <th>{words.publication}</th>
                <th>{words.zone}</th>
                <th>{words.item}</th>
                <th class="number">{words.plays}</th>
                <th class="number">{words.time}</th>
                <th>{words.firstStart}</th>
                <th>{words.lastEnd}</th>
              </tr>
            </thead>
            <tbody>
              {report.rows.map((row) => {
                const publication = publicationOf(row.publicationId);
                const { layout, layoutIndex, item } = playedItem(publication, row);
                return (
                  <tr
                    key={[row.deviceId, row.publicationId, row.layoutId, row.zoneId, row.itemId].join('/')}
                    data-device-id={row.deviceId}
                    data-item-id={row.itemId}
                  >
                    <td>{row.deviceName}</td>
                    <td>{row.publicationTitle ?? <span class="muted">{words.deleted}</span>}</td>
                    <td>
                      {row.zoneId}
                      <div class="muted">{layout ? layoutName(t, layout, layoutIndex) : row.layoutId}</div>
                    </td>
                    <td>
                      {row.itemId}
                      {item && publication && (
                        <div class="muted">{itemWords(t, item, publication.schedule.timeZone, props.noticeTitle)}</div>
                      )}
                    </td>
                    <td class="number">{row.plays}</td>
                    <td class="number">{playTimeWords(t, row.seconds)}</td>
                    <td>{reportTime(row.firstStartedAt)}</td>
                    <td>{reportTime(row.lastEndedAt)}</td>
                  </tr>
                );
              })}
            </tbody>
            {report.rows.length > 0 && (
              <tfoot>
                <tr class="totals">
                  <th scope="row" colSpan={4}>
                    {words.totals}
                  </th>
                  <td class="number">{report.plays}</td>
                  <td class="number">{playTimeWords(t, report.seconds)}</td>
                  <td colSpan={2} />
                </tr>
              </tfoot>
            )}
          </table>
          {report.rows.length === 0 && <p class="muted">{words.empty}</p>}
        </>
      )}
    </section>
  );
}
