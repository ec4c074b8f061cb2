import { MigrationInterface, QueryRunner } from "typeorm";

export class CannedResponses1795374000000 implements MigrationInterface {
    name = 'CannedResponses1795374000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "canned_responses" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "shortcut" character varying(50) NOT NULL, "title" character varying(200) NOT NULL, "body" text NOT NULL, "team_id" uuid, "language" character varying(8), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_canned_responses" PRIMARY KEY ("id"), CONSTRAINT "fk_canned_responses_team" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE)`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_canned_responses_team_shortcut" ON "canned_responses" ("team_id", "shortcut") WHERE team_id IS NOT NULL`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_canned_responses_global_shortcut" ON "canned_responses" ("shortcut") WHERE team_id IS NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "canned_responses"`);
    }

}
