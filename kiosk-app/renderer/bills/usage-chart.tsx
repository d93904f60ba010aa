/** 近12个月用量 as an SVG bar chart that scales with the screen and with elder mode (sizes in em). */
import { usageBars, type MonthlyUsage } from '@linli/protocol';
import type { BillStrings } from './bill-strings';

const WIDTH = 1000;
const HEIGHT = 360;
const PLOT = { left: 20, top: 40, width: 960, height: 250 };

export function UsageChart(props: { t: BillStrings; history: MonthlyUsage[]; unit: string; currentPeriod?: string }) {
  const { bars } = usageBars(props.history, PLOT, props.currentPeriod);
  const describe = props.history.map((month) => `${props.t.month(month.period)} ${month.usage}`).join('，');
  return (
    <figure class="usage-chart">
      <figcaption>
        {props.t.history}（{props.unit}）
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`${props.t.history}：${describe}`}>
        <line
          x1={PLOT.left}
          x2={PLOT.left + PLOT.width}
          y1={PLOT.top + PLOT.height}
          y2={PLOT.top + PLOT.height}
          class="axis"
        />
        {bars.map((bar) => (
          <g key={bar.period} class={bar.current ? 'bar current' : 'bar'}>
            <rect x={PLOT.left + bar.x} y={PLOT.top + bar.y} width={bar.width} height={bar.height} rx="4" />
            <text x={PLOT.left + bar.x + bar.width / 2} y={PLOT.top + bar.y - 8} class="value">
              {Math.round(bar.usage)}
            </text>
            <text x={PLOT.left + bar.x + bar.width / 2} y={PLOT.top + PLOT.height + 40} class="month">
              {props.t.month(bar.period)}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}
