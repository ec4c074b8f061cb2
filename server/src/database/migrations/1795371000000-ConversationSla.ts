import { MigrationInterface, QueryRunner } from "typeorm";

export class ConversationSla1795371000000 implements MigrationInterface {
    name = 'ConversationSla1795371000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "conversations" ADD "sla" jsonb`);
        await queryRunner.query(`ALTER TABLE "teams" ADD "sla_breach_action" character varying(16) NOT NULL DEFAULT 'notify'`);
        // One row per breach of one run of a clock, so a timer that fires twice records it once.
        await queryRunner.query(`CREATE TABLE "sla_breaches" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "conversation_id" uuid NOT NULL, "metric" character varying(16) NOT NULL, "clock_started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "breached_at" TIMESTAMP WITH TIME ZONE NOT NULL, "policy_id" uuid, "agent_id" uuid, "team_id" uuid, "channel_id" uuid NOT NULL, CONSTRAINT "pk_sla_breaches" PRIMARY KEY ("id"), CONSTRAINT "uq_sla_breaches_clock" UNIQUE ("conversation_id", "metric", "clock_started_at"), CONSTRAINT "fk_sla_breaches_conversation" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE)`);
        await queryRunner.query(`CREATE INDEX "ix_sla_breaches_breached_at" ON "sla_breaches" ("breached_at") INCLUDE ("agent_id", "team_id", "channel_id")`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "sla_breaches"`);
        await queryRunner.query(`ALTER TABLE "teams" DROP COLUMN "sla_breach_action"`);
        await queryRunner.query(`ALTER TABLE "conversations" DROP COLUMN "sla"`);
    }

}
