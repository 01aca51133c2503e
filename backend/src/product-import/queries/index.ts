import { GetImportJobHandler } from './get-import-job.handler';
import { GetImportStateHandler } from './get-import-state.handler';

export const QueryHandlers = [GetImportJobHandler, GetImportStateHandler];
