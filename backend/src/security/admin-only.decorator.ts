import { UseGuards, applyDecorators } from '@nestjs/common';
import {
  ApiBearerAuth, ApiInternalServerErrorResponse, ApiServiceUnavailableResponse, ApiTooManyRequestsResponse, ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ErrorResponse } from '../http/error-response';
import { AdminTokenGuard } from './admin-token.guard';

/** For admin controllers: the bearer token guard, and the answers every admin route can give. */
export function AdminOnly(): ClassDecorator {
  return applyDecorators(
    UseGuards(AdminTokenGuard),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'Missing or wrong bearer token.', type: ErrorResponse }),
    ApiTooManyRequestsResponse({ description: 'Too many wrong tokens from this client: wait for Retry-After.', type: ErrorResponse }),
    ApiServiceUnavailableResponse({ description: 'A database is out of reach or too busy to answer in time; the message names which.', type: ErrorResponse }),
    ApiInternalServerErrorResponse({ description: 'Unexpected error: only an errorId, which leads to the details in the log.', type: ErrorResponse }),
  );
}
