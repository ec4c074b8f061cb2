import { MigrationInterface, QueryRunner } from "typeorm";

export class OutboundSends1795380000000 implements MigrationInterface {
    name = 'OutboundSends1795380000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "outbound_sends" ("message_id" uuid NOT NULL, "state" character varying(16) NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_outbound_sends" PRIMARY KEY ("message_id"))`);
        await queryRunner.query(`ALTER TABLE "outbound_sends" ADD CONSTRAINT "fk_outbound_sends_message" FOREIGN KEY ("message_id") REFERENCES "messages"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "outbound_sends"`);
    }

}
