/**
 * 统计, the third tab of a hall on the 排队叫号 page: a period of service days (with quick picks) and
 * what the server counted over it — tickets, the wait and the service (average and the time 90% kept
 * within), by business, window, hour taken and staff member, and the residents' ratings. Bars are
 * plain CSS widths; a period the server refuses is said under the date it concerns.
 */
import { useEffect, useState } from 'preact/hooks';
import {
  LinliError,
  QUEUE_RATING_LEVELS,
  QUEUE_RATING_NAMES,
  type Locale,
  type QueueDurations,
  type QueueHall,
  type QueueRatingCounts,
  type QueueStats,
} from '@linli/protocol';
import { api } from './api';
import { ErrorBox, Field, fieldErrors, needsSummary } from './feedback';
import type { AdminStrings } from './i18n';
import { PERIOD_PICKS, periodOf, pickOf, playTimeWords, type Period } from './proof-of-play';
import type { QUEUE_WORDS } from './queue-words';

type Words = (typeof QUEUE_WORDS)['zh-Hans'];

/** A bar as long as `value` is of `most`, beside the number it draws. */
function Bar(props: { value: number; most: number }) {
  const share = props.most > 0 ? (props.value / props.most) * 100 : 0;
  return (
    <span class="stat-bar-cell">
      <span class="stat-bar" style={{ width: `${share}%` }} />
      <span>{props.value}</span>
    </span>
  );
}

export function QueueStatsPanel(props: { t: AdminStrings; locale: Locale; words: Words; hall: QueueHall }) {
  const { t, words, hall } = props;
  const levelNames = QUEUE_RATING_NAMES[props.locale].levels;
  const [period, setPeriod] = useState<Period>(() => periodOf('today', Date.now()));
  const [stats, setStats] = useState<QueueStats | null>(null);
  const [error, setError] = useState<LinliError | null>(null);
  useEffect(() => {
    // Only the answer for the period now shown counts: an earlier, slower one is dropped.
    let current = true;
    setStats(null);
    api.queueStats(hall.id, period).then(
      (loaded) => {
        if (!current) return;
        setStats(loaded);
        setError(null);
      },
      (caught: unknown) => {
        if (!current) return;
        setError(caught instanceof LinliError ? caught : new LinliError('INTERNAL', String(caught)));
      },
    );
    return () => {
      current = false;
    };
  }, [hall.id, period.from, period.to]);

  const problems = fieldErrors(t, error, 'queue-stats');
  const picked = pickOf(period, Date.now());
  const duration = (seconds: number | null) => (seconds === null ? words.nothing : playTimeWords(t, seconds));
  const rate = (counts: QueueRatingCounts) =>
    counts.satisfactionRate === null ? words.nothing : words.percent(counts.satisfactionRate);
  const dateField = (name: 'from' | 'to') => (
    <Field label={name === 'from' ? words.statsFrom : words.statsTo} note={problems.note(name)}>
      <input
        type="date"
        name={name}
        value={period[name]}
        onInput={(event) => setPeriod({ ...period, [name]: (event.target as HTMLInputElement).value })}
        {...problems.control(name)}
      />
    </Field>
  );
  const timeCells = (wait: QueueDurations | undefined, service: QueueDurations) => (
    <>
      {wait && <td>{duration(wait.averageSeconds)}</td>}
      {wait && <td>{duration(wait.p90Seconds)}</td>}
      <td>{duration(service.averageSeconds)}</td>
      <td>{duration(service.p90Seconds)}</td>
    </>
  );
  const timeHeads = (withWait: boolean) => (
    <>
      {withWait && <th scope="col">{words.waitAverage}</th>}
      {withWait && <th scope="col">{words.waitP90}</th>}
      <th scope="col">{words.serviceAverage}</th>
      <th scope="col">{words.serviceP90}</th>
    </>
  );
  const ratingHeads = (
    <>
      <th scope="col">{words.ratingCount}</th>
      <th scope="col">{words.satisfaction}</th>
      {QUEUE_RATING_LEVELS.map((level) => (
        <th scope="col" key={level}>
          {levelNames[level]}
        </th>
      ))}
    </>
  );
  const ratingCells = (counts: QueueRatingCounts) => (
    <>
      <td>{counts.count}</td>
      <td>{rate(counts)}</td>
      {QUEUE_RATING_LEVELS.map((level) => (
        <td key={level} data-level={level}>
          {counts.levels[level]}
        </td>
      ))}
    </>
  );
  const countKeys = ['taken', 'served', 'noShow', 'lapsed', 'open'] as const;
  const busiestHour = Math.max(0, ...(stats?.byHour.map((row) => row.taken) ?? []));

  return (
    <section class="stack queue-stats" aria-label={words.stats}>
      <p class="muted">{words.statsHint}</p>
      <div class="row plays-filters">
        {dateField('from')}
        {dateField('to')}
        <div class="buttons" role="group" aria-label={t.ui.signage.plays.periodPicks}>
          {PERIOD_PICKS.map((pick) => (
            <button key={pick} aria-pressed={pick === picked} onClick={() => setPeriod(periodOf(pick, Date.now()))}>
              {t.ui.signage.plays.periods[pick]}
            </button>
          ))}
        </div>
      </div>
      {needsSummary(t, error, ['from', 'to']) && <ErrorBox error={error} t={t} />}
      {!stats && !error && <p class="muted">{words.loading}</p>}
      {stats && (
        <>
          <section aria-labelledby="queue-stats-overall">
            <h3 id="queue-stats-overall">{words.overall}</h3>
            <dl class="stat-totals">
              {countKeys.map((key) => (
                <div key={key} data-count={key}>
                  <dt>{words.counts[key]}</dt>
                  <dd>{stats.totals[key]}</dd>
                </div>
              ))}
              <div>
                <dt>{words.waitAverage}</dt>
                <dd>{duration(stats.totals.wait.averageSeconds)}</dd>
              </div>
              <div>
                <dt>{words.serviceAverage}</dt>
                <dd>{duration(stats.totals.service.averageSeconds)}</dd>
              </div>
              <div data-count="ratings">
                <dt>{words.ratingCount}</dt>
                <dd>{stats.totals.ratings.count}</dd>
              </div>
              <div data-count="satisfaction">
                <dt>{words.satisfaction}</dt>
                <dd>{rate(stats.totals.ratings)}</dd>
              </div>
            </dl>
          </section>
          {stats.totals.taken === 0 && <p class="muted">{words.noTickets}</p>}
          <section aria-labelledby="queue-stats-business">
            <h3 id="queue-stats-business">{words.byBusiness}</h3>
            <table class="stat-table">
              <thead>
                <tr>
                  <th scope="col">{words.business}</th>
                  {countKeys.map((key) => (
                    <th scope="col" key={key}>
                      {words.counts[key]}
                    </th>
                  ))}
                  {timeHeads(true)}
                </tr>
              </thead>
              <tbody>
                {stats.byBusiness.map((row) => (
                  <tr key={row.business} data-business={row.business}>
                    <th scope="row">{row.name}</th>
                    {countKeys.map((key) => (
                      <td key={key}>{row[key]}</td>
                    ))}
                    {timeCells(row.wait, row.service)}
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section aria-labelledby="queue-stats-window">
            <h3 id="queue-stats-window">{words.byWindow}</h3>
            <table class="stat-table">
              <thead>
                <tr>
                  <th scope="col">{words.windows}</th>
                  <th scope="col">{words.counts.served}</th>
                  <th scope="col">{words.counts.noShow}</th>
                  {timeHeads(false)}
                  {ratingHeads}
                </tr>
              </thead>
              <tbody>
                {stats.byWindow.map((row) => (
                  <tr key={row.window} data-window={row.window}>
                    <th scope="row">
                      {words.window(row.window)}
                      {row.name ? ` · ${row.name}` : ''}
                    </th>
                    <td>{row.served}</td>
                    <td>{row.noShow}</td>
                    {timeCells(undefined, row.service)}
                    {ratingCells(row.ratings)}
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section aria-labelledby="queue-stats-hour">
            <h3 id="queue-stats-hour">{words.byHour}</h3>
            <table class="stat-table">
              <thead>
                <tr>
                  <th scope="col">{words.hour}</th>
                  <th scope="col">{words.counts.taken}</th>
                  <th scope="col">{words.counts.served}</th>
                  <th scope="col">{words.waitAverage}</th>
                  <th scope="col">{words.waitP90}</th>
                </tr>
              </thead>
              <tbody>
                {stats.byHour.map((row) => (
                  <tr key={row.hour} data-hour={row.hour}>
                    <th scope="row">{words.hourRange(row.hour)}</th>
                    <td>
                      <Bar value={row.taken} most={busiestHour} />
                    </td>
                    <td>{row.served}</td>
                    <td>{duration(row.wait.averageSeconds)}</td>
                    <td>{duration(row.wait.p90Seconds)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section aria-labelledby="queue-stats-staff">
            <h3 id="queue-stats-staff">{words.byStaff}</h3>
            <table class="stat-table">
              <thead>
                <tr>
                  <th scope="col">{words.staff}</th>
                  <th scope="col">{words.counts.served}</th>
                  {timeHeads(false)}
                  {ratingHeads}
                </tr>
              </thead>
              <tbody>
                {stats.byStaff.map((row) => (
                  <tr key={row.username} data-staff={row.username}>
                    <th scope="row">{row.displayName}</th>
                    <td>{row.served}</td>
                    {timeCells(undefined, row.service)}
                    {ratingCells(row.ratings)}
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </section>
  );
}
