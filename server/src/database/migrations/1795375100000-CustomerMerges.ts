import { MigrationInterface, QueryRunner } from "typeorm";

export class CustomerMerges1795375100000 implements MigrationInterface {
    name = 'CustomerMerges1795375100000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        // A merged customer stays as a tombstone pointing at the one it was folded into, so a split can revive it.
        await queryRunner.query(`ALTER TABLE "customers" ADD "merged_into_id" uuid`);
        await queryRunner.query(`ALTER TABLE "customers" ADD CONSTRAINT "FK_customers_merged_into" FOREIGN KEY ("merged_into_id") REFERENCES "customers"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`CREATE INDEX "ix_customers_merged_into" ON "customers" ("merged_into_id") WHERE "merged_into_id" IS NOT NULL`);
        // Merge suggestions look customers up by email and by the digits of their phone.
        await queryRunner.query(`CREATE INDEX "ix_customers_email" ON "customers" (lower("email")) WHERE "email" IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "ix_customers_phone" ON "customers" (regexp_replace("phone", '[^0-9]', '', 'g')) WHERE "phone" IS NOT NULL`);
        await queryRunner.query(`CREATE TABLE "customer_merges" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "target_id" uuid NOT NULL, "source_id" uuid NOT NULL, "identity_ids" uuid array NOT NULL, "by_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_customer_merges" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_customer_merges_target" ON "customer_merges" ("target_id", "created_at")`);
        await queryRunner.query(`ALTER TABLE "customer_merges" ADD CONSTRAINT "FK_customer_merges_target" FOREIGN KEY ("target_id") REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "customer_merges" ADD CONSTRAINT "FK_customer_merges_source" FOREIGN KEY ("source_id") REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "customer_merges" ADD CONSTRAINT "FK_customer_merges_by_user" FOREIGN KEY ("by_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "customer_merges"`);
        await queryRunner.query(`DROP INDEX "ix_customers_phone"`);
        await queryRunner.query(`DROP INDEX "ix_customers_email"`);
        await queryRunner.query(`DROP INDEX "ix_customers_merged_into"`);
        await queryRunner.query(`ALTER TABLE "customers" DROP CONSTRAINT "FK_customers_merged_into"`);
        await queryRunner.query(`ALTER TABLE "customers" DROP COLUMN "merged_into_id"`);
    }

}
