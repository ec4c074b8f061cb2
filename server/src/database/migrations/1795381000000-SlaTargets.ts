import { MigrationInterface, QueryRunner } from "typeorm";

/** Data only: stored SLAs gain each due clock's target, stored priority signals lose their frozen minutes. */
export class SlaTargets1795381000000 implements MigrationInterface {
    name = 'SlaTargets1795381000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`UPDATE "conversations" c SET "sla" = c."sla"
            || CASE WHEN c."sla" ? 'firstResponseDueAt' AND p."first_response_seconds" IS NOT NULL THEN jsonb_build_object('firstResponseSeconds', p."first_response_seconds") ELSE '{}'::jsonb END
            || CASE WHEN c."sla" ? 'nextReplyDueAt' AND p."next_reply_seconds" IS NOT NULL THEN jsonb_build_object('nextReplySeconds', p."next_reply_seconds") ELSE '{}'::jsonb END
            || CASE WHEN c."sla" ? 'resolutionDueAt' AND p."resolution_seconds" IS NOT NULL THEN jsonb_build_object('resolutionSeconds', p."resolution_seconds") ELSE '{}'::jsonb END
            FROM "sla_policies" p WHERE p."id"::text = c."sla"->>'policyId'`);
        await queryRunner.query(`UPDATE "conversations" SET "priority_signals" = ARRAY(
            SELECT regexp_replace(regexp_replace(s, '^SLA breached .+ ago$', 'SLA breached'), '^SLA due in .+$', 'SLA due soon')
            FROM unnest("priority_signals") WITH ORDINALITY AS t(s, i) ORDER BY i)::varchar[]
            WHERE EXISTS (SELECT 1 FROM unnest("priority_signals") s WHERE s ~ '^SLA (breached .+ ago|due in .+)$')`);
    }

    public async down(): Promise<void> {
        // The targets and the signals' new wording are what the current code writes anyway.
    }

}
