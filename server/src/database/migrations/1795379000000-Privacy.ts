import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Customers' data under their control. An erased customer's platform identities are remembered only as a
 * hash (so a returning person can be told apart, never linked back); retention deletes old resolved
 * conversations while the report figures of their clocks and breaches stay, no longer tied to them.
 */
export class Privacy1795379000000 implements MigrationInterface {
    name = 'Privacy1795379000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "erased_identities" ("hash" character(64) NOT NULL, "erased_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_erased_identities" PRIMARY KEY ("hash"))`);
        await queryRunner.query(`ALTER TABLE "customers" ADD "erased_at" TIMESTAMP WITH TIME ZONE`);
        // Reports read these rows, never the conversation: a purged conversation leaves them behind.
        await queryRunner.query(`ALTER TABLE "clock_values" ALTER COLUMN "conversation_id" DROP NOT NULL`);
        await queryRunner.query(`ALTER TABLE "clock_values" DROP CONSTRAINT "fk_clock_values_conversation"`);
        await queryRunner.query(`ALTER TABLE "clock_values" ADD CONSTRAINT "fk_clock_values_conversation" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE SET NULL`);
        await queryRunner.query(`ALTER TABLE "sla_breaches" ALTER COLUMN "conversation_id" DROP NOT NULL`);
        await queryRunner.query(`ALTER TABLE "sla_breaches" DROP CONSTRAINT "fk_sla_breaches_conversation"`);
        await queryRunner.query(`ALTER TABLE "sla_breaches" ADD CONSTRAINT "fk_sla_breaches_conversation" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE SET NULL`);
        // The daily purge walks resolved conversations by age.
        await queryRunner.query(`CREATE INDEX "ix_conversations_resolved" ON "conversations" ("resolved_at", "id") WHERE status = 'resolved'`);
        // Deleting a conversation finds its follow-ups, cancelled ones too (the other index leaves them out).
        await queryRunner.query(`CREATE INDEX "ix_follow_ups_conversation_all" ON "follow_ups" ("conversation_id")`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "ix_follow_ups_conversation_all"`);
        await queryRunner.query(`DROP INDEX "ix_conversations_resolved"`);
        await queryRunner.query(`ALTER TABLE "sla_breaches" DROP CONSTRAINT "fk_sla_breaches_conversation"`);
        await queryRunner.query(`DELETE FROM "sla_breaches" WHERE "conversation_id" IS NULL`);
        await queryRunner.query(`ALTER TABLE "sla_breaches" ALTER COLUMN "conversation_id" SET NOT NULL`);
        await queryRunner.query(`ALTER TABLE "sla_breaches" ADD CONSTRAINT "fk_sla_breaches_conversation" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE`);
        await queryRunner.query(`ALTER TABLE "clock_values" DROP CONSTRAINT "fk_clock_values_conversation"`);
        await queryRunner.query(`DELETE FROM "clock_values" WHERE "conversation_id" IS NULL`);
        await queryRunner.query(`ALTER TABLE "clock_values" ALTER COLUMN "conversation_id" SET NOT NULL`);
        await queryRunner.query(`ALTER TABLE "clock_values" ADD CONSTRAINT "fk_clock_values_conversation" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE`);
        await queryRunner.query(`ALTER TABLE "customers" DROP COLUMN "erased_at"`);
        await queryRunner.query(`DROP TABLE "erased_identities"`);
    }

}
