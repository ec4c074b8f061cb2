import { HOURS, heatLevel, type HeatmapMatrix } from './heatmap-matrix';

const hourLabel = (hour: number): string => `${String(hour).padStart(2, '0')}:00`;

/** Customer messages by weekday and local hour: a real table, so screen readers read it cell by cell. */
export function VolumeHeatmap({ matrix, timeZone }: { matrix: HeatmapMatrix; timeZone: string }) {
  return (
    <div className="report-heatmap-scroll">
      <table className="report-heatmap" data-testid="volume-heatmap">
        <caption className="report-chart-title">Customer messages by weekday and hour ({timeZone})</caption>
        <thead>
          <tr>
            <td />
            {HOURS.map((hour) => (
              <th key={hour} scope="col" aria-label={hourLabel(hour)}>
                {hour % 3 === 0 ? String(hour).padStart(2, '0') : ''}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matrix.rows.map((row) => (
            <tr key={row.weekday}>
              <th scope="row" aria-label={row.long}>
                {row.short}
              </th>
              {row.cells.map((count, hour) => (
                <td key={hour} className={`heat heat-${heatLevel(count, matrix.max)}`} title={`${row.long} ${hourLabel(hour)}: ${count} customer message${count === 1 ? '' : 's'}`} data-count={count}>
                  {count > 0 ? count : <span className="visually-hidden">0</span>}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
