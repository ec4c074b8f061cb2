import { MigrationInterface, QueryRunner } from "typeorm";

export class LeadAudience1795376600000 implements MigrationInterface {
    name = 'LeadAudience1795376600000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "events" ADD "audience_lead_team_ids" uuid array NOT NULL DEFAULT '{}'`);
        // Events written before leads were scoped to their teams went to every lead: keep that for replay.
        await queryRunner.query(`UPDATE "events" SET "audience_lead_team_ids" = (SELECT coalesce(array_agg(id), '{}') FROM "teams")`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "events" DROP COLUMN "audience_lead_team_ids"`);
    }

}
