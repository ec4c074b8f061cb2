import { MigrationInterface, QueryRunner } from "typeorm";

export class QueuedRepliesIndex1795360414450 implements MigrationInterface {
    name = 'QueuedRepliesIndex1795360414450'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE INDEX "ix_messages_queued_outbound" ON "messages"  ("updated_at") WHERE status = 'queued' AND direction = 'outbound'`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."ix_messages_queued_outbound"`);
    }

}
