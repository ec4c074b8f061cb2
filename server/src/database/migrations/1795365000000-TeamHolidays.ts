import { MigrationInterface, QueryRunner } from "typeorm";

export class TeamHolidays1795365000000 implements MigrationInterface {
    name = 'TeamHolidays1795365000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "teams" ADD "holidays" character varying(10) array NOT NULL DEFAULT '{}'`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "teams" DROP COLUMN "holidays"`);
    }

}
