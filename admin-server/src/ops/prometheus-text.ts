/**
 * Metrics in Prometheus' text exposition format (version 0.0.4), the format /metrics answers in:
 * `# HELP` and `# TYPE` once per family, then one line per sample, `name{label="value"} number`.
 */

export type MetricType = 'counter' | 'gauge' | 'histogram';

export interface MetricSample {
  /** Appended to the family's name: a histogram's `_bucket`, `_sum` and `_count`. */
  suffix?: string;
  labels?: Readonly<Record<string, string>>;
  value: number;
}

export interface MetricFamily {
  name: string;
  help: string;
  type: MetricType;
  samples: readonly MetricSample[];
}

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** A label value as the format wants it: backslash, double quote and line feed escaped. */
function labelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** A number as the format writes it: +Inf, -Inf and NaN by name. */
function numberText(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

function sampleLine(name: string, sample: MetricSample): string {
  const labels = Object.entries(sample.labels ?? {});
  const labelText = labels.length
    ? `{${labels.map(([label, value]) => `${label}="${labelValue(value)}"`).join(',')}}`
    : '';
  return `${name}${sample.suffix ?? ''}${labelText} ${numberText(sample.value)}`;
}

export function prometheusText(families: readonly MetricFamily[]): string {
  return families
    .map((family) =>
      [
        `# HELP ${family.name} ${family.help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}`,
        `# TYPE ${family.name} ${family.type}`,
        ...family.samples.map((sample) => sampleLine(family.name, sample)),
      ].join('\n'),
    )
    .join('\n')
    .concat('\n');
}
