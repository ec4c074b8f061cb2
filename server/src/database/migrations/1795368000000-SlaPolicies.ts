import { MigrationInterface, QueryRunner } from "typeorm";

export class SlaPolicies1795368000000 implements MigrationInterface {
    name = 'SlaPolicies1795368000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "sla_policies" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "team_id" uuid, "channel_kind" character varying(32), "priority" character varying(16), "first_response_seconds" integer, "next_reply_seconds" integer, "resolution_seconds" integer, "business_hours_only" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_sla_policies" PRIMARY KEY ("id"), CONSTRAINT "fk_sla_policies_team" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "sla_policies"`);
    }

}
