import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Search over message text (full text) and customer names and handles (trigrams), accent- and
 * case-insensitive. Message text is indexed with the `simple` configuration over unaccented, lowercased
 * text, not a per-language one: a conversation's language is a guess and a message's is not stored, an
 * agent's query has none, and stemming a Spanish message with the English stemmer (or dropping German
 * "die" as an English stop word) would lose matches; word starts (`refund:*`) cover most endings.
 * The index is on an expression, not a stored column, so a message row stays as it was (a stored
 * tsvector about doubled the table in a trial) and a write only adds the index entries.
 */
export class Search1795376000000 implements MigrationInterface {
    name = 'Search1795376000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
        await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
        // Function bodies name their schemas: index expressions are also evaluated with a bare search_path.
        const [schemas]: Array<{ here: string; unaccent: string }> = await queryRunner.query(
            `SELECT quote_ident(current_schema()) AS here, (SELECT quote_ident(n.nspname) FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'unaccent') AS unaccent`,
        );
        const { here, unaccent } = schemas!;
        // unaccent() is only STABLE (its rules file could change), so it cannot be indexed as it is. The C
        // entry point declared IMMUTABLE lets search_fold be inlined (four times faster than a SQL
        // wrapper); it needs a superuser, so without one the SQL wrapper does the same, slower.
        await queryRunner.query(`SAVEPOINT search_unaccent`);
        try {
            await queryRunner.query(`CREATE FUNCTION ${here}.search_unaccent(regdictionary, text) RETURNS text LANGUAGE c IMMUTABLE PARALLEL SAFE STRICT AS '$libdir/unaccent', 'unaccent_dict'`);
            await queryRunner.query(`RELEASE SAVEPOINT search_unaccent`);
        } catch {
            await queryRunner.query(`ROLLBACK TO SAVEPOINT search_unaccent`);
            await queryRunner.query(`CREATE FUNCTION ${here}.search_unaccent(regdictionary, text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$ SELECT ${unaccent}.unaccent($1, $2) $$`);
        }
        await queryRunner.query(`CREATE FUNCTION ${here}.search_fold(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$ SELECT lower(${here}.search_unaccent('${unaccent}.unaccent'::regdictionary, $1)) $$`);
        // ASCII punctuation becomes a space, so the parser sees words and numbers only: "jane.doe@x.com",
        // "e-mail", "#48213" and URLs are found by their parts, as a query is split (domain/search-query.ts).
        await queryRunner.query(`CREATE FUNCTION ${here}.search_document(text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$ SELECT to_tsvector('simple'::regconfig, regexp_replace(${here}.search_fold($1), '[!-/:-@\\[-\`{-~]+', ' ', 'g')) $$`);
        await queryRunner.query(`CREATE FUNCTION ${here}.search_identity(character varying, character varying, character varying) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT ${here}.search_fold(coalesce($1, '') || ' ' || coalesce($2, '') || ' ' || coalesce($3, '')) $$`);
        // Built in the migration's transaction: writes to messages wait for it (about 30 s a million messages on 2 cores).
        await queryRunner.query(`CREATE INDEX "ix_messages_search" ON "messages" USING gin (${here}.search_document("text"))`);
        await queryRunner.query(`CREATE INDEX "ix_customers_name_search" ON "customers" USING gin (${here}.search_fold("name") gin_trgm_ops)`);
        await queryRunner.query(`CREATE INDEX "ix_customer_identities_search" ON "customer_identities" USING gin (${here}.search_identity("handle", "display_name", "external_id") gin_trgm_ops)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "ix_customer_identities_search"`);
        await queryRunner.query(`DROP INDEX "ix_customers_name_search"`);
        await queryRunner.query(`DROP INDEX "ix_messages_search"`);
        await queryRunner.query(`DROP FUNCTION search_identity(character varying, character varying, character varying)`);
        await queryRunner.query(`DROP FUNCTION search_document(text)`);
        await queryRunner.query(`DROP FUNCTION search_fold(text)`);
        await queryRunner.query(`DROP FUNCTION search_unaccent(regdictionary, text)`);
        // The extensions stay: other objects of the database may use them by now.
    }

}
