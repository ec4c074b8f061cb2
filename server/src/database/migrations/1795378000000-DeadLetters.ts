import { MigrationInterface, QueryRunner } from "typeorm";

/** Dead letters (platform events acknowledged but unreadable), and channel secrets kept sealed as text. */
export class DeadLetters1795378000000 implements MigrationInterface {
    name = 'DeadLetters1795378000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "dead_letters" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "channel_kind" character varying(32) NOT NULL, "channel_id" uuid, "source" character varying(40) NOT NULL, "raw_body" text NOT NULL, "content_type" character varying(100) NOT NULL DEFAULT 'application/json', "reason" text NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT 1, "fingerprint" character varying(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_tried_at" TIMESTAMP WITH TIME ZONE, "resolved_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_dead_letters" PRIMARY KEY ("id"), CONSTRAINT "ck_dead_letters_status" CHECK ("status" IN ('pending', 'retried', 'resolved')))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_dead_letters_fingerprint" ON "dead_letters" ("fingerprint")`);
        await queryRunner.query(`CREATE INDEX "ix_dead_letters_created" ON "dead_letters" ("created_at", "id")`);
        await queryRunner.query(`CREATE INDEX "ix_dead_letters_status" ON "dead_letters" ("status", "created_at", "id")`);
        await queryRunner.query(`ALTER TABLE "dead_letters" ADD CONSTRAINT "fk_dead_letters_channel" FOREIGN KEY ("channel_id") REFERENCES "channels"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        // Sealed values are text; rows keep their JSON until the next start seals them.
        await queryRunner.query(`ALTER TABLE "channels" ALTER COLUMN "secrets" DROP DEFAULT`);
        await queryRunner.query(`ALTER TABLE "channels" ALTER COLUMN "secrets" TYPE text USING "secrets"::text`);
        await queryRunner.query(`ALTER TABLE "channels" ALTER COLUMN "secrets" SET DEFAULT '{}'`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        // Sealed values stay sealed (as JSON strings): older code cannot read them.
        await queryRunner.query(`ALTER TABLE "channels" ALTER COLUMN "secrets" DROP DEFAULT`);
        await queryRunner.query(`ALTER TABLE "channels" ALTER COLUMN "secrets" TYPE jsonb USING (CASE WHEN "secrets" LIKE 'v1:%' THEN to_jsonb("secrets") ELSE "secrets"::jsonb END)`);
        await queryRunner.query(`ALTER TABLE "channels" ALTER COLUMN "secrets" SET DEFAULT '{}'`);
        await queryRunner.query(`DROP TABLE "dead_letters"`);
    }

}
