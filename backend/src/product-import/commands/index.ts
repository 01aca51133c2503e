import { CreateImportJobHandler } from './create-import-job.handler';

export const CommandHandlers = [CreateImportJobHandler];
