import { Controller, UseFilters } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { type DueOutcomesV1, ListDueOutcomesV1, OUTCOMES_DUE_LIST_V1 } from '@linkway/contracts';
import { DomainRpcExceptionFilter, validRequest } from '@linkway/messaging';
import { DueOutcomesService } from './due-outcomes.service';

/** outcomes.due.list.v1: validate, delegate. */
@Controller()
@UseFilters(new DomainRpcExceptionFilter())
export class DueOutcomesController {
  constructor(private readonly due: DueOutcomesService) {}

  @MessagePattern(OUTCOMES_DUE_LIST_V1)
  list(@Payload() payload: unknown): Promise<DueOutcomesV1> {
    return this.due.list(validRequest(ListDueOutcomesV1, payload, { forbidUnknown: true }));
  }
}
