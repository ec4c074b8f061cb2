import { MigrationInterface, QueryRunner } from "typeorm";

export class MessageVolume1795369000000 implements MigrationInterface {
    name = 'MessageVolume1795369000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        // Quarter hours: every timezone's offset is a multiple of 15 minutes, so local hours add up exactly.
        await queryRunner.query(`CREATE TABLE "message_volume" ("bucket" TIMESTAMP WITH TIME ZONE NOT NULL, "channel_id" uuid NOT NULL, "inbound" integer NOT NULL DEFAULT 0, "outbound" integer NOT NULL DEFAULT 0, CONSTRAINT "pk_message_volume" PRIMARY KEY ("bucket", "channel_id"), CONSTRAINT "fk_message_volume_channel" FOREIGN KEY ("channel_id") REFERENCES "channels"("id") ON DELETE CASCADE)`);
        await queryRunner.query(`INSERT INTO "message_volume" ("bucket", "channel_id", "inbound", "outbound")
            SELECT date_bin('15 minutes', created_at, TIMESTAMPTZ '2000-01-01'), channel_id, count(*) FILTER (WHERE direction = 'inbound'), count(*) FILTER (WHERE direction = 'outbound' AND NOT private)
            FROM messages GROUP BY 1, 2`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "message_volume"`);
    }

}
