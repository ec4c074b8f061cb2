import { MigrationInterface, QueryRunner } from "typeorm";

export class MessageVolumeRows1795370000000 implements MigrationInterface {
    name = 'MessageVolumeRows1795370000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        // One row per write instead of one counter per quarter hour and channel: concurrent writers of a busy
        // channel never wait on each other's counter row; reports sum the rows.
        await queryRunner.query(`ALTER TABLE "message_volume" DROP CONSTRAINT "pk_message_volume"`);
        await queryRunner.query(`ALTER TABLE "message_volume" ADD "id" bigserial NOT NULL`);
        await queryRunner.query(`ALTER TABLE "message_volume" ADD CONSTRAINT "pk_message_volume" PRIMARY KEY ("id")`);
        await queryRunner.query(`CREATE INDEX "ix_message_volume_bucket" ON "message_volume" ("bucket", "channel_id")`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "ix_message_volume_bucket"`);
        await queryRunner.query(`ALTER TABLE "message_volume" DROP CONSTRAINT "pk_message_volume"`);
        await queryRunner.query(`ALTER TABLE "message_volume" DROP COLUMN "id"`);
        await queryRunner.query(`CREATE TABLE "message_volume_sums" AS SELECT "bucket", "channel_id", sum("inbound")::int AS "inbound", sum("outbound")::int AS "outbound" FROM "message_volume" GROUP BY 1, 2`);
        await queryRunner.query(`DELETE FROM "message_volume"`);
        await queryRunner.query(`INSERT INTO "message_volume" ("bucket", "channel_id", "inbound", "outbound") SELECT * FROM "message_volume_sums"`);
        await queryRunner.query(`DROP TABLE "message_volume_sums"`);
        await queryRunner.query(`ALTER TABLE "message_volume" ADD CONSTRAINT "pk_message_volume" PRIMARY KEY ("bucket", "channel_id")`);
    }

}
