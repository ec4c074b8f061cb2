import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { dayTick, dayTitle } from './chart-format';
import { durationTicks } from './duration-ticks';
import { CLOCK_LABELS, CLOCK_STYLES } from './clock-labels';
import type { DailyPoint } from './daily-series';
import { formatDuration } from './format-duration';
import { CLOCKS, type Clock } from './report-figures';

const AXIS_TICK = { fill: '#3d4652', fontSize: 11 };

interface TrendChartProps {
  title: string;
  /** A sentence for screen readers saying what the chart shows. */
  description: string;
  data: DailyPoint[];
  testId: string;
}

function isClock(key: unknown): key is Clock {
  return typeof key === 'string' && (CLOCKS as readonly string[]).includes(key);
}

/** One line per clock over the days of the period; a day on which a clock never stopped is a gap. */
export function TrendChart({ title, description, data, testId }: TrendChartProps) {
  const ticks = durationTicks(Math.max(0, ...data.flatMap((point) => CLOCKS.map((clock) => point[clock] ?? 0))));
  return (
    <figure className="report-chart" data-testid={testId}>
      <figcaption className="report-chart-title">{title}</figcaption>
      <LineChart responsive data={data} title={title} desc={description} style={{ width: '100%', height: 220 }} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="#e2e5e9" vertical={false} />
        <XAxis dataKey="day" tickFormatter={dayTick} tick={AXIS_TICK} tickLine={false} axisLine={{ stroke: '#cfd4da' }} minTickGap={12} />
        <YAxis ticks={ticks} domain={[0, ticks[ticks.length - 1] ?? 0]} tickFormatter={(v: number) => formatDuration(v)} tick={AXIS_TICK} tickLine={false} axisLine={false} width={76} />
        <Tooltip
          labelFormatter={dayTitle}
          formatter={(value, name, item) => {
            const key = item.dataKey;
            const count = isClock(key) ? (item.payload as DailyPoint)[`${key}Count`] : undefined;
            return [`${formatDuration(typeof value === 'number' ? value : null)}${count === undefined ? '' : ` (${count})`}`, name];
          }}
        />
        <Legend iconType="plainline" wrapperStyle={{ fontSize: 12 }} />
        {CLOCKS.map((clock) => (
          <Line
            key={clock}
            type="linear"
            dataKey={clock}
            name={CLOCK_LABELS[clock]}
            stroke={CLOCK_STYLES[clock].color}
            strokeDasharray={CLOCK_STYLES[clock].dash}
            strokeWidth={2}
            dot={{ r: 2.5, strokeWidth: 0, fill: CLOCK_STYLES[clock].color }}
            connectNulls={false}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </figure>
  );
}
