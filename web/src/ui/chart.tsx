import {
  BarChart,
  type BarSeriesOption,
  LineChart,
  type LineSeriesOption,
  ScatterChart,
  type ScatterSeriesOption,
} from 'echarts/charts';
import {
  type DatasetComponentOption,
  GridComponent,
  type GridComponentOption,
  LegendComponent,
  type LegendComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from 'echarts/components';
import { type ComposeOption, type EChartsType, init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'preact/hooks';

// Only the chart kinds the pages draw, so the bundle carries no more of ECharts than that.
use([BarChart, LineChart, ScatterChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | ScatterSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
  | DatasetComponentOption
>;

// ECharts measures its labels on a canvas, which knows no `inherit`: the page's own font stack, spelled out.
const chartFont = getComputedStyle(document.documentElement).fontFamily;

const reducedMotion = () => matchMedia('(prefers-reduced-motion: reduce)').matches;

/**
 * An ECharts chart. Charts are pictures: each page also gives their figures as text (a table or a
 * list) for keyboards and screen readers, and `label` names the picture.
 */
export function Chart({ option, label, height = 280 }: { option: ChartOption; label: string; height?: number }) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | undefined>(undefined);
  useEffect(() => {
    const element = container.current;
    if (!element) return undefined;
    const instance = init(element, undefined, { renderer: 'svg' });
    chart.current = instance;
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(element);
    return () => {
      resize.disconnect();
      instance.dispose();
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption({ animation: !reducedMotion(), textStyle: { fontFamily: chartFont }, ...option }, true);
  }, [option]);
  return <div ref={container} class="chart" role="img" aria-label={label} style={{ height: `${height}px` }} />;
}
