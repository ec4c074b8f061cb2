import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { reportPeriod, type VolumeQuery, type VolumeReport } from '@rapport/shared';
import type { AuthUser } from '../auth/auth-user.js';


/**
 * Message volume of a period from the quarter-hour counters (never a scan of the messages): per local
 * hour of `tz`, and a weekday × hour heatmap of customer messages. Leads see their teams' channels only.
 */
@Injectable()
export class VolumeService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async report(user: AuthUser, query: VolumeQuery): Promise<VolumeReport> {
    const { from, to } = reportPeriod(query);
    const ownTeamsOnly = user.role === 'lead';
    const scope = ownTeamsOnly ? 'AND v.channel_id IN (SELECT id FROM channels WHERE team_id = ANY($4::uuid[]))' : '';
    const params = [from, to, query.tz, ...(ownTeamsOnly ? [user.teamIds] : [])];
    // Summed per quarter hour first (in index order, no timezone work): a month holds one row per write,
    // hundreds of thousands, and converting each to local time cost more than the sums themselves.
    const perBucket = `SELECT v.bucket, sum(v.inbound) AS inbound, sum(v.outbound) AS outbound FROM message_volume v WHERE v.bucket >= $1 AND v.bucket < $2 ${scope} GROUP BY v.bucket`;
    const [byHour, heatmap] = await Promise.all([
      this.dataSource.query<Array<{ at: Date; inbound: number; outbound: number }>>(
        `SELECT date_trunc('hour', v.bucket AT TIME ZONE $3) AT TIME ZONE $3 AS at, sum(v.inbound)::int AS inbound, sum(v.outbound)::int AS outbound
         FROM (${perBucket}) v
         GROUP BY 1 ORDER BY 1`,
        params,
      ),
      this.dataSource.query<Array<{ weekday: number; hour: number; inbound: number }>>(
        `SELECT extract(isodow FROM v.bucket AT TIME ZONE $3)::int AS weekday, extract(hour FROM v.bucket AT TIME ZONE $3)::int AS hour, sum(v.inbound)::int AS inbound
         FROM (${perBucket}) v
         GROUP BY 1, 2 HAVING sum(v.inbound) > 0 ORDER BY 1, 2`,
        params,
      ),
    ]);
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      tz: query.tz,
      byHour: byHour.map((r) => ({ at: new Date(r.at).toISOString(), inbound: r.inbound, outbound: r.outbound })),
      heatmap,
    };
  }
}
