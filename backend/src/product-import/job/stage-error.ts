import { describeFailure } from '../../database/database-failure';
import { DatabaseName } from '../../database/named-data-source';
import { JobLeaseLostError } from '../domain/import-errors';

/** Marks where a failure came from, so the job's message can name the right database. */
export class StageError extends Error {
  constructor(
    readonly database: DatabaseName,
    readonly cause: unknown,
  ) {
    super(describeFailure(database, cause));
  }
}

export async function inStage<T>(database: DatabaseName, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    // A lost lease is the job's own state, not a database failure.
    throw error instanceof StageError || error instanceof JobLeaseLostError ? error : new StageError(database, error);
  }
}
