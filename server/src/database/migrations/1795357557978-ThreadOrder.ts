import { MigrationInterface, QueryRunner } from "typeorm";

export class ThreadOrder1795357557978 implements MigrationInterface {
    name = 'ThreadOrder1795357557978'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE INDEX "ix_messages_conversation_thread" ON "messages"  ("conversation_id", "sent_at", "created_at", "id") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."ix_messages_conversation_thread"`);
    }

}
