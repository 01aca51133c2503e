import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The lease names the run that owns a running job. A chunk commits only while the job is still
 * running under its run's lease, so a process paused past the stale rule (its job failed and
 * another one started meanwhile) cannot write for the job it lost when it wakes up.
 */
export class AddImportJobLease1764500000000 implements MigrationInterface {
  name = 'AddImportJobLease1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE product_import_jobs ADD COLUMN lease CHAR(36) CHARACTER SET ascii NULL AFTER status');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE product_import_jobs DROP COLUMN lease');
  }
}
