import { MigrationInterface, QueryRunner } from "typeorm";

export class CustomerProfileFields1795375000000 implements MigrationInterface {
    name = 'CustomerProfileFields1795375000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "customers" ADD "timezone" character varying(64)`);
        await queryRunner.query(`ALTER TABLE "customers" ADD "contact_hours" jsonb`);
        await queryRunner.query(`ALTER TABLE "customers" ADD "tags" character varying(50) array NOT NULL DEFAULT '{}'`);
        await queryRunner.query(`ALTER TABLE "customers" ADD "do_not_contact" boolean NOT NULL DEFAULT false`);
        await queryRunner.query(`ALTER TABLE "customers" ADD "email" character varying(320)`);
        await queryRunner.query(`ALTER TABLE "customers" ADD "phone" character varying(32)`);
        // Who set the language: a learned one follows the customer's messages, a person's one stays.
        await queryRunner.query(`ALTER TABLE "customers" ADD "preferred_language_source" character varying(8)`);
        await queryRunner.query(`UPDATE "customers" SET "preferred_language_source" = 'person' WHERE "preferred_language" IS NOT NULL`);
        // Confident detections per language over the customer's messages, e.g. {"es": 12, "en": 1}.
        await queryRunner.query(`ALTER TABLE "customers" ADD "language_counts" jsonb NOT NULL DEFAULT '{}'`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "customers" DROP COLUMN "language_counts"`);
        await queryRunner.query(`ALTER TABLE "customers" DROP COLUMN "preferred_language_source"`);
        await queryRunner.query(`ALTER TABLE "customers" DROP COLUMN "phone"`);
        await queryRunner.query(`ALTER TABLE "customers" DROP COLUMN "email"`);
        await queryRunner.query(`ALTER TABLE "customers" DROP COLUMN "do_not_contact"`);
        await queryRunner.query(`ALTER TABLE "customers" DROP COLUMN "tags"`);
        await queryRunner.query(`ALTER TABLE "customers" DROP COLUMN "contact_hours"`);
        await queryRunner.query(`ALTER TABLE "customers" DROP COLUMN "timezone"`);
    }

}
