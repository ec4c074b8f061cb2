import { MigrationInterface, QueryRunner } from "typeorm";

export class AuditLog1795376500000 implements MigrationInterface {
    name = 'AuditLog1795376500000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "audit_log" ("id" BIGSERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "action" character varying(64) NOT NULL, "actor_id" uuid, "actor_email" character varying(320), "target_type" character varying(64), "target_id" character varying(200), "details" jsonb NOT NULL DEFAULT '{}', "ip" character varying(64), "user_agent" character varying(500), CONSTRAINT "pk_audit_log" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_audit_log_at" ON "audit_log" ("at", "id")`);
        await queryRunner.query(`CREATE INDEX "ix_audit_log_target" ON "audit_log" ("target_id", "id") WHERE target_id IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "ix_audit_log_actor" ON "audit_log" ("actor_id", "id") WHERE actor_id IS NOT NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "audit_log"`);
    }

}
