import { MigrationInterface, QueryRunner } from "typeorm";

export class PollingAndPlatformMeta1795355266842 implements MigrationInterface {
    name = 'PollingAndPlatformMeta1795355266842'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "channel_cursors" ("channel_id" uuid NOT NULL, "cursor" character varying(200), "paused_until" TIMESTAMP WITH TIME ZONE, "last_polled_at" TIMESTAMP WITH TIME ZONE, "last_error" text, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2511649ccaa3dacb93a02580c25" PRIMARY KEY ("channel_id"))`);
        await queryRunner.query(`ALTER TABLE "messages" ADD "platform_meta" jsonb NOT NULL DEFAULT '{}'`);
        await queryRunner.query(`ALTER TABLE "channel_cursors" ADD CONSTRAINT "FK_2511649ccaa3dacb93a02580c25" FOREIGN KEY ("channel_id") REFERENCES "channels"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "channel_cursors" DROP CONSTRAINT "FK_2511649ccaa3dacb93a02580c25"`);
        await queryRunner.query(`ALTER TABLE "messages" DROP COLUMN "platform_meta"`);
        await queryRunner.query(`DROP TABLE "channel_cursors"`);
    }

}
