import { ImportJobCreatedHandler } from './import-job-created.handler';

export const EventHandlers = [ImportJobCreatedHandler];
