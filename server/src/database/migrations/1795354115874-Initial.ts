import { MigrationInterface, QueryRunner } from "typeorm";

export class Initial1795354115874 implements MigrationInterface {
    name = 'Initial1795354115874'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" character varying(320) NOT NULL, "name" character varying(200) NOT NULL, "role" character varying(16) NOT NULL, "password_hash" character varying(200) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_users_email" ON "users"  ("email") `);
        await queryRunner.query(`CREATE TABLE "teams" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7e5523774a38b08a6236d322403" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_teams_name" ON "teams"  ("name") `);
        await queryRunner.query(`CREATE TABLE "team_members" ("team_id" uuid NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1d3c06a8217a8785e2af0ec4ab8" PRIMARY KEY ("team_id", "user_id"))`);
        await queryRunner.query(`CREATE INDEX "ix_team_members_user" ON "team_members"  ("user_id") `);
        await queryRunner.query(`CREATE TABLE "channels" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(32) NOT NULL, "key" character varying(100), "name" character varying(200) NOT NULL, "config" jsonb NOT NULL DEFAULT '{}', "secrets" jsonb NOT NULL DEFAULT '{}', "team_id" uuid, "enabled" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_bc603823f3f741359c2339389f9" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_channels_key" ON "channels"  ("key") `);
        await queryRunner.query(`CREATE TABLE "customers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "tier" character varying(16) NOT NULL DEFAULT 'standard', "preferred_language" character varying(16), "preferences" jsonb NOT NULL DEFAULT '{}', "notes" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_133ec679a801fab5e070f73d3ea" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "customer_identities" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "customer_id" uuid NOT NULL, "channel_id" uuid NOT NULL, "external_id" character varying(200) NOT NULL, "handle" character varying(200), "display_name" character varying(200), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_22a6dcd2cf7f2587b5a27cfa9c8" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_customer_identities_customer" ON "customer_identities"  ("customer_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_customer_identities_channel_external" ON "customer_identities"  ("channel_id", "external_id") `);
        await queryRunner.query(`CREATE TABLE "conversations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "channel_id" uuid NOT NULL, "customer_id" uuid NOT NULL, "identity_id" uuid NOT NULL, "thread_key" character varying(200) NOT NULL DEFAULT '', "is_public" boolean NOT NULL DEFAULT false, "status" character varying(16) NOT NULL DEFAULT 'open', "priority" character varying(16) NOT NULL DEFAULT 'normal', "assignee_id" uuid, "team_id" uuid, "first_message_at" TIMESTAMP WITH TIME ZONE, "last_message_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_message_preview" character varying(280), "waiting_since" TIMESTAMP WITH TIME ZONE, "unread_count" integer NOT NULL DEFAULT '0', "snoozed_until" TIMESTAMP WITH TIME ZONE, "resolved_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ee34f4f7ced4ec8681f26bf04ef" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_conversations_customer" ON "conversations"  ("customer_id") `);
        await queryRunner.query(`CREATE INDEX "ix_conversations_assignee" ON "conversations"  ("assignee_id") `);
        await queryRunner.query(`CREATE INDEX "ix_conversations_team" ON "conversations"  ("team_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_conversations_open_thread" ON "conversations"  ("channel_id", "identity_id", "thread_key") WHERE status <> 'resolved'`);
        await queryRunner.query(`CREATE INDEX "ix_conversations_activity" ON "conversations"  ("last_message_at", "id") `);
        await queryRunner.query(`CREATE TABLE "messages" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "conversation_id" uuid NOT NULL, "channel_id" uuid NOT NULL, "direction" character varying(16) NOT NULL, "author_type" character varying(16) NOT NULL, "author_id" uuid, "private" boolean NOT NULL DEFAULT false, "text" text NOT NULL, "attachments" jsonb NOT NULL DEFAULT '[]', "status" character varying(16) NOT NULL, "error" text, "external_id" character varying(200), "client_id" character varying(100), "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_18325f38ae6de43878487eff986" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_messages_client_id" ON "messages"  ("client_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_messages_channel_external" ON "messages"  ("channel_id", "external_id") `);
        await queryRunner.query(`CREATE INDEX "ix_messages_conversation_time" ON "messages"  ("conversation_id", "created_at", "id") `);
        await queryRunner.query(`CREATE TABLE "events" ("seq" BIGSERIAL NOT NULL, "type" character varying(64) NOT NULL, "payload" jsonb NOT NULL, "audience_user_ids" uuid array NOT NULL DEFAULT '{}', "audience_team_ids" uuid array NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_44840d7c5944a3bfbf21a6113d8" PRIMARY KEY ("seq"))`);
        await queryRunner.query(`ALTER TABLE "team_members" ADD CONSTRAINT "FK_fdad7d5768277e60c40e01cdcea" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "team_members" ADD CONSTRAINT "FK_c2bf4967c8c2a6b845dadfbf3d4" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "channels" ADD CONSTRAINT "FK_82ec8fc4ec07ccb4a35f8eb9abb" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "customer_identities" ADD CONSTRAINT "FK_f029c64f58346eb3bb3d760a97e" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "customer_identities" ADD CONSTRAINT "FK_eca1deaa1424f6bc1ae886f4e06" FOREIGN KEY ("channel_id") REFERENCES "channels"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "conversations" ADD CONSTRAINT "FK_1a99838ee2e2e940ad98ed2e9d8" FOREIGN KEY ("channel_id") REFERENCES "channels"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "conversations" ADD CONSTRAINT "FK_c9f0434c15cacf894e996f69088" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "conversations" ADD CONSTRAINT "FK_646160e55d82ad94804862f0267" FOREIGN KEY ("identity_id") REFERENCES "customer_identities"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "conversations" ADD CONSTRAINT "FK_eb33c4841a61e998a8c906fbcf1" FOREIGN KEY ("assignee_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "conversations" ADD CONSTRAINT "FK_ad2d8eea6efa73bd1e7f0599724" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "messages" ADD CONSTRAINT "FK_3bc55a7c3f9ed54b520bb5cfe23" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "messages" ADD CONSTRAINT "FK_86b9109b155eb70c0a2ca3b4b6d" FOREIGN KEY ("channel_id") REFERENCES "channels"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "messages" ADD CONSTRAINT "FK_05535bc695e9f7ee104616459d3" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "messages" DROP CONSTRAINT "FK_05535bc695e9f7ee104616459d3"`);
        await queryRunner.query(`ALTER TABLE "messages" DROP CONSTRAINT "FK_86b9109b155eb70c0a2ca3b4b6d"`);
        await queryRunner.query(`ALTER TABLE "messages" DROP CONSTRAINT "FK_3bc55a7c3f9ed54b520bb5cfe23"`);
        await queryRunner.query(`ALTER TABLE "conversations" DROP CONSTRAINT "FK_ad2d8eea6efa73bd1e7f0599724"`);
        await queryRunner.query(`ALTER TABLE "conversations" DROP CONSTRAINT "FK_eb33c4841a61e998a8c906fbcf1"`);
        await queryRunner.query(`ALTER TABLE "conversations" DROP CONSTRAINT "FK_646160e55d82ad94804862f0267"`);
        await queryRunner.query(`ALTER TABLE "conversations" DROP CONSTRAINT "FK_c9f0434c15cacf894e996f69088"`);
        await queryRunner.query(`ALTER TABLE "conversations" DROP CONSTRAINT "FK_1a99838ee2e2e940ad98ed2e9d8"`);
        await queryRunner.query(`ALTER TABLE "customer_identities" DROP CONSTRAINT "FK_eca1deaa1424f6bc1ae886f4e06"`);
        await queryRunner.query(`ALTER TABLE "customer_identities" DROP CONSTRAINT "FK_f029c64f58346eb3bb3d760a97e"`);
        await queryRunner.query(`ALTER TABLE "channels" DROP CONSTRAINT "FK_82ec8fc4ec07ccb4a35f8eb9abb"`);
        await queryRunner.query(`ALTER TABLE "team_members" DROP CONSTRAINT "FK_c2bf4967c8c2a6b845dadfbf3d4"`);
        await queryRunner.query(`ALTER TABLE "team_members" DROP CONSTRAINT "FK_fdad7d5768277e60c40e01cdcea"`);
        await queryRunner.query(`DROP TABLE "events"`);
        await queryRunner.query(`DROP INDEX "public"."ix_messages_conversation_time"`);
        await queryRunner.query(`DROP INDEX "public"."uq_messages_channel_external"`);
        await queryRunner.query(`DROP INDEX "public"."uq_messages_client_id"`);
        await queryRunner.query(`DROP TABLE "messages"`);
        await queryRunner.query(`DROP INDEX "public"."ix_conversations_activity"`);
        await queryRunner.query(`DROP INDEX "public"."uq_conversations_open_thread"`);
        await queryRunner.query(`DROP INDEX "public"."ix_conversations_team"`);
        await queryRunner.query(`DROP INDEX "public"."ix_conversations_assignee"`);
        await queryRunner.query(`DROP INDEX "public"."ix_conversations_customer"`);
        await queryRunner.query(`DROP TABLE "conversations"`);
        await queryRunner.query(`DROP INDEX "public"."uq_customer_identities_channel_external"`);
        await queryRunner.query(`DROP INDEX "public"."ix_customer_identities_customer"`);
        await queryRunner.query(`DROP TABLE "customer_identities"`);
        await queryRunner.query(`DROP TABLE "customers"`);
        await queryRunner.query(`DROP INDEX "public"."uq_channels_key"`);
        await queryRunner.query(`DROP TABLE "channels"`);
        await queryRunner.query(`DROP INDEX "public"."ix_team_members_user"`);
        await queryRunner.query(`DROP TABLE "team_members"`);
        await queryRunner.query(`DROP INDEX "public"."uq_teams_name"`);
        await queryRunner.query(`DROP TABLE "teams"`);
        await queryRunner.query(`DROP INDEX "public"."uq_users_email"`);
        await queryRunner.query(`DROP TABLE "users"`);
    }

}
