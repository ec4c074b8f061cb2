import { Area, AreaChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { hourTick, hourTitle } from './chart-format';
import type { HourlyPoint } from './hourly-series';

const AXIS_TICK = { fill: '#3d4652', fontSize: 11 };
const INBOUND = '#2f6f6a';
const OUTBOUND = '#2f6fb3';

interface VolumeChartProps {
  data: HourlyPoint[];
  ticks: number[];
  domain: [number, number];
  singleDay: boolean;
}

/** Customer messages and public replies per local hour, drawn as steps (each hour is a bucket). */
export function VolumeChart({ data, ticks, domain, singleDay }: VolumeChartProps) {
  return (
    <figure className="report-chart" data-testid="volume-chart">
      <figcaption className="report-chart-title">Messages per hour</figcaption>
      <AreaChart
        responsive
        data={data}
        title="Messages per hour"
        desc="Customer messages in and public replies out, for every hour of the period"
        style={{ width: '100%', height: 200 }}
        margin={{ top: 8, right: 12, bottom: 0, left: 0 }}
      >
        <CartesianGrid stroke="#e2e5e9" vertical={false} />
        <XAxis
          dataKey="at"
          type="number"
          scale="time"
          domain={domain}
          ticks={ticks}
          tickFormatter={(at: number) => hourTick(at, singleDay)}
          tick={AXIS_TICK}
          tickLine={false}
          axisLine={{ stroke: '#cfd4da' }}
        />
        <YAxis tick={AXIS_TICK} tickLine={false} axisLine={false} width={40} allowDecimals={false} />
        <Tooltip labelFormatter={hourTitle} />
        <Legend iconType="square" wrapperStyle={{ fontSize: 12 }} />
        <Area type="stepAfter" dataKey="inbound" name="Inbound" stroke={INBOUND} fill={INBOUND} fillOpacity={0.18} strokeWidth={1.5} isAnimationActive={false} />
        <Area type="stepAfter" dataKey="outbound" name="Outbound" stroke={OUTBOUND} fill={OUTBOUND} fillOpacity={0.12} strokeWidth={1.5} strokeDasharray="5 2" isAnimationActive={false} />
      </AreaChart>
    </figure>
  );
}
