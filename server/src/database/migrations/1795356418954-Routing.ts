import { MigrationInterface, QueryRunner } from "typeorm";

export class Routing1795356418954 implements MigrationInterface {
    name = 'Routing1795356418954'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "assignments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "conversation_id" uuid NOT NULL, "from_user_id" uuid, "to_user_id" uuid, "team_id" uuid, "by_user_id" uuid, "reason" character varying(16) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c54ca359535e0012b04dcbd80ee" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_assignments_conversation" ON "assignments"  ("conversation_id", "created_at") `);
        await queryRunner.query(`ALTER TABLE "users" ADD "capacity" integer`);
        await queryRunner.query(`ALTER TABLE "users" ADD "skills" character varying array NOT NULL DEFAULT '{}'`);
        await queryRunner.query(`ALTER TABLE "users" ADD "languages" character varying array NOT NULL DEFAULT '{}'`);
        await queryRunner.query(`ALTER TABLE "users" ADD "auto_assign" boolean NOT NULL DEFAULT false`);
        await queryRunner.query(`ALTER TABLE "users" ADD "last_assigned_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "teams" ADD "strategy" character varying(16) NOT NULL DEFAULT 'least_loaded'`);
        await queryRunner.query(`ALTER TABLE "teams" ADD "default_capacity" integer NOT NULL DEFAULT '5'`);
        await queryRunner.query(`ALTER TABLE "teams" ADD "timezone" character varying(64) NOT NULL DEFAULT 'UTC'`);
        await queryRunner.query(`ALTER TABLE "teams" ADD "business_hours" jsonb NOT NULL DEFAULT '{}'`);
        await queryRunner.query(`ALTER TABLE "teams" ADD "last_agent_id" uuid`);
        await queryRunner.query(`ALTER TABLE "conversations" ADD "priority_score" integer NOT NULL DEFAULT '0'`);
        await queryRunner.query(`ALTER TABLE "conversations" ADD "priority_signals" character varying array NOT NULL DEFAULT '{}'`);
        await queryRunner.query(`ALTER TABLE "conversations" ADD "language" character varying(8)`);
        await queryRunner.query(`ALTER TABLE "conversations" ADD "tags" character varying array NOT NULL DEFAULT '{}'`);
        await queryRunner.query(`ALTER TABLE "conversations" ADD "sla_deadline" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "assignments" ADD CONSTRAINT "FK_11123bc8a7654edb67e840b44bd" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        // The waiting queue: unassigned open conversations of a team, most urgent first.
        await queryRunner.query(`CREATE INDEX "ix_conversations_waiting" ON "conversations" ("team_id", "priority_score" DESC, "waiting_since") WHERE assignee_id IS NULL AND status = 'open'`);
        // Agents are routed to by default; leads opt in.
        await queryRunner.query(`UPDATE "users" SET "auto_assign" = true WHERE "role" = 'agent'`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."ix_conversations_waiting"`);
        await queryRunner.query(`ALTER TABLE "assignments" DROP CONSTRAINT "FK_11123bc8a7654edb67e840b44bd"`);
        await queryRunner.query(`ALTER TABLE "conversations" DROP COLUMN "sla_deadline"`);
        await queryRunner.query(`ALTER TABLE "conversations" DROP COLUMN "tags"`);
        await queryRunner.query(`ALTER TABLE "conversations" DROP COLUMN "language"`);
        await queryRunner.query(`ALTER TABLE "conversations" DROP COLUMN "priority_signals"`);
        await queryRunner.query(`ALTER TABLE "conversations" DROP COLUMN "priority_score"`);
        await queryRunner.query(`ALTER TABLE "teams" DROP COLUMN "last_agent_id"`);
        await queryRunner.query(`ALTER TABLE "teams" DROP COLUMN "business_hours"`);
        await queryRunner.query(`ALTER TABLE "teams" DROP COLUMN "timezone"`);
        await queryRunner.query(`ALTER TABLE "teams" DROP COLUMN "default_capacity"`);
        await queryRunner.query(`ALTER TABLE "teams" DROP COLUMN "strategy"`);
        await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "last_assigned_at"`);
        await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "auto_assign"`);
        await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "languages"`);
        await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "skills"`);
        await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "capacity"`);
        await queryRunner.query(`DROP INDEX "public"."ix_assignments_conversation"`);
        await queryRunner.query(`DROP TABLE "assignments"`);
    }

}
