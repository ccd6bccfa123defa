import { MigrationInterface, QueryRunner } from 'typeorm';

/** How many chunks hold each lexeme (retrieval searches the rarest terms first), and a title-only index. */
export class ResponderTermStatistics1764000000300 implements MigrationInterface {
  name = 'ResponderTermStatistics1764000000300';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE responder.knowledge_terms (
      org_id text NOT NULL, integration_id text NOT NULL, lang_config text NOT NULL, lexeme text NOT NULL, chunks int NOT NULL,
      PRIMARY KEY (org_id, integration_id, lang_config, lexeme))`);
    // Titles and keywords alone, for questions whose terms are too common to rank every chunk that holds them.
    await runner.query(`ALTER TABLE responder.knowledge_chunks ADD COLUMN title_tsv tsvector NOT NULL DEFAULT ''::tsvector`);
    await runner.query(`CREATE INDEX knowledge_chunks_title_tsv ON responder.knowledge_chunks USING gin (title_tsv)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE IF EXISTS responder.knowledge_terms`);
    await runner.query(`ALTER TABLE responder.knowledge_chunks DROP COLUMN IF EXISTS title_tsv`);
  }
}
