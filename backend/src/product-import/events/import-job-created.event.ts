export class ImportJobCreatedEvent {
  constructor(readonly jobId: string) {}
}
