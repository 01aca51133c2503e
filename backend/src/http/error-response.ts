import { ApiProperty } from '@nestjs/swagger';

/** The body of every 4xx and 5xx answer, as Nest and HttpExceptionFilter write it. */
export class ErrorResponse {
  @ApiProperty({ example: 400 }) statusCode: number;
  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }], example: ['limit must not be greater than 1000'] })
  message: string | string[];
  @ApiProperty({ example: 'Bad Request', required: false }) error?: string;
  @ApiProperty({ format: 'uuid', required: false, description: 'On a 500 only: the id under which the details are in the log.' }) errorId?: string;
}
