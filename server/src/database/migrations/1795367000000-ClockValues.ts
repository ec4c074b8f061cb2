import { MigrationInterface, QueryRunner } from "typeorm";

export class ClockValues1795367000000 implements MigrationInterface {
    name = 'ClockValues1795367000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "clock_values" ("id" bigserial NOT NULL, "conversation_id" uuid NOT NULL, "metric" character varying(16) NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "stopped_at" TIMESTAMP WITH TIME ZONE NOT NULL, "wall_seconds" double precision NOT NULL, "business_seconds" double precision NOT NULL, "agent_id" uuid, "team_id" uuid, "channel_id" uuid NOT NULL, CONSTRAINT "pk_clock_values" PRIMARY KEY ("id"), CONSTRAINT "fk_clock_values_conversation" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE)`);
        await queryRunner.query(`CREATE INDEX "ix_clock_values_conversation" ON "clock_values" ("conversation_id")`);
        await queryRunner.query(`CREATE INDEX "ix_clock_values_stopped" ON "clock_values" ("stopped_at", "metric")`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "clock_values"`);
    }

}
