import { MigrationInterface, QueryRunner } from "typeorm";

export class ParallelWrites1795364000000 implements MigrationInterface {
    name = 'ParallelWrites1795364000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "customers" ALTER COLUMN "name" DROP NOT NULL`);
        await queryRunner.query(`ALTER TABLE "customer_identities" ADD "avatar_url" character varying(1000)`);
        await queryRunner.query(`ALTER TABLE "teams" DROP COLUMN "last_agent_id"`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "teams" ADD "last_agent_id" uuid`);
        await queryRunner.query(`ALTER TABLE "customer_identities" DROP COLUMN "avatar_url"`);
        await queryRunner.query(`UPDATE "customers" SET "name" = '' WHERE "name" IS NULL`);
        await queryRunner.query(`ALTER TABLE "customers" ALTER COLUMN "name" SET NOT NULL`);
    }

}
