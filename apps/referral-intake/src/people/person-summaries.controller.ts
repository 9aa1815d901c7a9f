import { Controller, UseFilters } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import {
  INTAKE_PERSON_SUMMARIES_V1,
  PersonSummariesRequestV1,
  type PersonSummariesV1,
} from '@linkway/contracts';
import { DomainRpcExceptionFilter } from '@linkway/messaging';
import { ValidationFailedError } from '@linkway/util';
import { PersonSummariesService } from './person-summaries.service';

/** intake.person.summaries.v1: many people named in one request (a caseload list). */
@Controller()
@UseFilters(new DomainRpcExceptionFilter())
export class PersonSummariesController {
  constructor(private readonly people: PersonSummariesService) {}

  @MessagePattern(INTAKE_PERSON_SUMMARIES_V1)
  summaries(@Payload() payload: unknown): Promise<PersonSummariesV1> {
    const request = plainToInstance(PersonSummariesRequestV1, payload);
    const errors = validateSync(request);
    if (errors.length)
      throw new ValidationFailedError(
        'Request validation failed',
        errors.map((e) => ({ field: e.property, reason: Object.values(e.constraints ?? {}).join('; ') })),
      );
    return this.people.summaries(request.personIds);
  }
}
