import { applyDecorators } from '@nestjs/common';
import { ApiDefaultResponse, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ErrorDetailDto {
  @ApiPropertyOptional({ example: 'email', description: 'The request field concerned, when there is one' })
  field?: string;

  @ApiProperty({ example: 'email must be an email' })
  reason!: string;
}

/** OpenAPI description of the one error body (see error-response.ts). */
export class ErrorBodyDto {
  @ApiProperty({ example: 400 }) statusCode!: number;
  @ApiProperty({ example: 'Bad Request' }) error!: string;
  @ApiProperty({ example: 'Request validation failed' }) message!: string;
  @ApiProperty({ type: [ErrorDetailDto] }) details!: ErrorDetailDto[];
}

/** Documents the standard error body as every route's non-2xx answer. */
export const ApiErrors = () =>
  applyDecorators(
    ApiDefaultResponse({
      description: 'Any error: { statusCode, error, message, details[] }',
      type: ErrorBodyDto,
    }),
  );
