import { MigrationInterface, QueryRunner } from "typeorm";

export class ReportIndexes1795372000000 implements MigrationInterface {
    name = 'ReportIndexes1795372000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        // Response times per agent, team or channel, and the totals (grouped by metric alone): read in the order
        // they are grouped, so the period's rows (every one, over 90 days) need no sort before their percentiles;
        // index-only, the table is never read. team_id is included where leads' own-teams filter needs it.
        await queryRunner.query(`CREATE INDEX "ix_clock_values_agent_report" ON "clock_values" ("agent_id", "metric", "stopped_at") INCLUDE ("wall_seconds", "business_seconds", "team_id")`);
        await queryRunner.query(`CREATE INDEX "ix_clock_values_team_report" ON "clock_values" ("team_id", "metric", "stopped_at") INCLUDE ("wall_seconds", "business_seconds")`);
        await queryRunner.query(`CREATE INDEX "ix_clock_values_channel_report" ON "clock_values" ("channel_id", "metric", "stopped_at") INCLUDE ("wall_seconds", "business_seconds", "team_id")`);
        await queryRunner.query(`CREATE INDEX "ix_clock_values_metric_report" ON "clock_values" ("metric", "stopped_at") INCLUDE ("wall_seconds", "business_seconds", "team_id")`);
        // The period's rows by time (days, short periods) without reading the table: replaces (stopped_at, metric).
        await queryRunner.query(`DROP INDEX "ix_clock_values_stopped"`);
        await queryRunner.query(`CREATE INDEX "ix_clock_values_stopped_report" ON "clock_values" ("stopped_at", "metric") INCLUDE ("wall_seconds", "business_seconds", "agent_id", "team_id", "channel_id")`);
        // Volume sums one row per write: the counts in the index, so a month of rows is read from it alone.
        await queryRunner.query(`DROP INDEX "ix_message_volume_bucket"`);
        await queryRunner.query(`CREATE INDEX "ix_message_volume_bucket_counts" ON "message_volume" ("bucket", "channel_id") INCLUDE ("inbound", "outbound")`);
        // Read in index order and summed as it goes, a month takes tens of ms in one process; parallel workers
        // (two per query, the report runs two at once) cost more than that to start and merge on a small server.
        await queryRunner.query(`ALTER TABLE "message_volume" SET (parallel_workers = 0)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "message_volume" RESET (parallel_workers)`);
        await queryRunner.query(`DROP INDEX "ix_message_volume_bucket_counts"`);
        await queryRunner.query(`CREATE INDEX "ix_message_volume_bucket" ON "message_volume" ("bucket", "channel_id")`);
        await queryRunner.query(`DROP INDEX "ix_clock_values_stopped_report"`);
        await queryRunner.query(`CREATE INDEX "ix_clock_values_stopped" ON "clock_values" ("stopped_at", "metric")`);
        await queryRunner.query(`DROP INDEX "ix_clock_values_metric_report"`);
        await queryRunner.query(`DROP INDEX "ix_clock_values_channel_report"`);
        await queryRunner.query(`DROP INDEX "ix_clock_values_team_report"`);
        await queryRunner.query(`DROP INDEX "ix_clock_values_agent_report"`);
    }

}
