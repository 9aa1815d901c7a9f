import { Controller, Get, Param, ParseEnumPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { SERVICE_NAMES, type ServiceName } from '@linkway/contracts';
import { ValidationFailedError } from '@linkway/util';
import { Roles } from '../auth/decorators';
import { ApiErrors } from '../errors/error-body.dto';
import { SystemService } from './system.service';

const serviceParam = new ParseEnumPipe(Object.fromEntries(SERVICE_NAMES.map((s) => [s, s])), {
  exceptionFactory: () =>
    new ValidationFailedError('Unknown service', [
      { field: 'service', reason: `must be one of ${SERVICE_NAMES.join(', ')}` },
    ]),
});

/** Which hub services answer over NATS: for hub managers and admins diagnosing a hub. */
@ApiTags('system')
@ApiErrors()
@ApiBearerAuth()
@Controller('system/services')
@Roles('admin', 'hub_manager')
export class SystemController {
  constructor(private readonly system: SystemService) {}

  @Get()
  statuses() {
    return this.system.statuses();
  }

  @Get(':service/ping')
  ping(@Param('service', serviceParam) service: ServiceName) {
    return this.system.ping(service);
  }
}
