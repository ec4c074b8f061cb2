import { MigrationInterface, QueryRunner } from "typeorm";

export class ClockFacts1795366000000 implements MigrationInterface {
    name = 'ClockFacts1795366000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "clock_facts" ("id" bigserial NOT NULL, "conversation_id" uuid NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "kind" character varying(16) NOT NULL, "detail" character varying(16), "agent_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_clock_facts" PRIMARY KEY ("id"), CONSTRAINT "fk_clock_facts_conversation" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE)`);
        await queryRunner.query(`CREATE INDEX "ix_clock_facts_conversation" ON "clock_facts" ("conversation_id", "at", "id")`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "clock_facts"`);
    }

}
