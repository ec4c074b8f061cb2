import { MigrationInterface, QueryRunner } from "typeorm";

export class FollowUps1795373000000 implements MigrationInterface {
    name = 'FollowUps1795373000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "follow_ups" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "conversation_id" uuid NOT NULL, "created_by_id" uuid, "note" character varying(1000) NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "in_customer_hours" boolean NOT NULL DEFAULT false, "status" character varying(16) NOT NULL DEFAULT 'scheduled', "fired_at" TIMESTAMP WITH TIME ZONE, "cancelled_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_follow_ups" PRIMARY KEY ("id"), CONSTRAINT "fk_follow_ups_conversation" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE, CONSTRAINT "fk_follow_ups_created_by" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL)`);
        // A thread's follow-ups, and the lists by due time; cancelled ones are never listed.
        await queryRunner.query(`CREATE INDEX "ix_follow_ups_conversation" ON "follow_ups" ("conversation_id", "due_at") WHERE status <> 'cancelled'`);
        await queryRunner.query(`CREATE INDEX "ix_follow_ups_due" ON "follow_ups" ("due_at", "id") WHERE status <> 'cancelled'`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "follow_ups"`);
    }

}
