/**
 * One ECharts chart drawn as SVG (sharp in screenshots and print, and the renderer the server's
 * PDFs use), sized to its box and redrawn when the option changes; a click on a category (a bar's
 * unit) reaches `onPick`. Screen readers read `label` and the table the page puts beside it.
 */
import { useEffect, useRef } from 'preact/hooks';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { ChartOption } from '@linli/protocol';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export function EChart(props: {
  option: ChartOption;
  label: string;
  height?: number;
  onPick?: (index: number) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const onPick = useRef(props.onPick);
  onPick.current = props.onPick;
  useEffect(() => {
    const drawn = echarts.init(box.current!, undefined, { renderer: 'svg' });
    chart.current = drawn;
    drawn.on('click', (event) => {
      if (typeof event.dataIndex === 'number') onPick.current?.(event.dataIndex);
    });
    const resized = new ResizeObserver(() => drawn.resize());
    resized.observe(box.current!);
    return () => {
      resized.disconnect();
      drawn.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(props.option, true);
  }, [props.option]);
  return (
    <div ref={box} class="chart" role="img" aria-label={props.label} style={{ height: `${props.height ?? 280}px` }} />
  );
}
