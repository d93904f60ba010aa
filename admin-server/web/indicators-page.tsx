/**
 * 指标体系: the indicator catalogue the district's units report by, category by category — name,
 * unit, who reports, how often, how it adds up, the formula of a computed one. The district's
 * system administrators edit it whole as JSON (from the shipped catalogue or their last version);
 * each mistake is listed by indicator and field, and nothing is saved until all are right.
 */
import { useEffect, useState } from 'preact/hooks';
import {
  INDICATOR_CATEGORIES,
  INDICATOR_CATEGORY_NAMES,
  LinliError,
  type IndicatorCatalogue,
  type Locale,
  type SessionView,
} from '@linli/protocol';
import { api } from './api';
import { ErrorBox } from './feedback';
import type { AdminStrings } from './i18n';
import { STATS_WORDS } from './stats-words';

export function IndicatorsPage(props: { t: AdminStrings; locale: Locale; session: SessionView }) {
  const words = STATS_WORDS[props.locale];
  const [catalogue, setCatalogue] = useState<IndicatorCatalogue | null>(null);
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<LinliError | null>(null);
  const [notice, setNotice] = useState('');
  const mayEdit = props.session.permissions.includes('stats.indicators');
  useEffect(() => {
    void api.indicatorCatalogue().then(setCatalogue, (caught: unknown) => setError(caught as LinliError));
  }, []);
  const save = async () => {
    try {
      const input = JSON.parse(text ?? '') as { indicators: IndicatorCatalogue['indicators'] };
      const saved = await api.saveIndicatorCatalogue({ indicators: input.indicators }, catalogue!.version);
      setCatalogue(saved);
      setText(null);
      setError(null);
      setNotice(words.catalogueSaved(saved.version));
    } catch (caught) {
      setNotice('');
      setError(caught instanceof LinliError ? caught : new LinliError('BODY_NOT_JSON', String(caught)));
    }
  };
  if (!catalogue) return error ? <ErrorBox error={error} t={props.t} /> : null;
  const byId = new Map(catalogue.indicators.map((indicator) => [indicator.id, indicator]));
  return (
    <section class="stack indicators-page" aria-label={words.catalogueTitle}>
      <p class="muted">{words.catalogueHint}</p>
      {notice && (
        <p class="ok" role="status">
          {notice}
        </p>
      )}
      {mayEdit && text === null && (
        <button onClick={() => setText(JSON.stringify({ indicators: catalogue.indicators }, null, 2))}>
          {words.catalogueEdit}
        </button>
      )}
      {text !== null && (
        <div class="editor stack">
          <textarea
            aria-label={words.catalogueEdit}
            class="json"
            rows={20}
            value={text}
            onInput={(event) => setText((event.target as HTMLTextAreaElement).value)}
          />
          {error && <ErrorBox error={error} t={props.t} />}
          <div class="buttons">
            <button class="primary" onClick={() => void save()}>
              {words.catalogueSave}
            </button>
            <button onClick={() => setText(null)}>{props.t.cancel}</button>
          </div>
        </div>
      )}
      {INDICATOR_CATEGORIES.map((category) => (
        <section key={category} class="editor" aria-labelledby={`indicators-${category}`}>
          <h3 id={`indicators-${category}`}>{INDICATOR_CATEGORY_NAMES[props.locale][category]}</h3>
          <table class="indicators">
            <thead>
              <tr>
                <th scope="col">{words.indicator}</th>
                <th scope="col">{words.unit}</th>
                <th scope="col">{words.reportedBy}</th>
                <th scope="col">{words.periodKind}</th>
                <th scope="col">{words.aggregation}</th>
              </tr>
            </thead>
            <tbody>
              {catalogue.indicators
                .filter((indicator) => indicator.category === category)
                .map((indicator) => (
                  <tr key={indicator.id} data-indicator={indicator.id}>
                    <th scope="row">
                      {indicator.name} <code class="muted">{indicator.id}</code>
                    </th>
                    <td>{indicator.unit}</td>
                    <td>{indicator.formula ? words.derived : words.levels[indicator.reportedBy]}</td>
                    <td>{words.periodKinds[indicator.periodicity]}</td>
                    <td>
                      {indicator.formula
                        ? `${words.formula}：${indicator.formula}`
                        : `${words.aggregations[indicator.aggregation]}${
                            indicator.weightedBy
                              ? `，${words.weightedBy(byId.get(indicator.weightedBy)?.name ?? indicator.weightedBy)}`
                              : ''
                          }`}
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </section>
      ))}
    </section>
  );
}
