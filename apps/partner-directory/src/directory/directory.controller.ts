import { Controller, UseFilters } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  DIRECTORY_CAPACITY_RELEASE_V1,
  DIRECTORY_CAPACITY_RESERVE_V1,
  DIRECTORY_GAP_REPORT_V1,
  DIRECTORY_ORGANIZATION_SAVE_V1,
  DIRECTORY_ORUK_READ_V1,
  DIRECTORY_SEARCH_V1,
  DIRECTORY_SERVICE_DELETE_V1,
  DIRECTORY_SERVICE_GET_V1,
  DIRECTORY_SERVICE_SAVE_V1,
  DIRECTORY_SERVICES_GET_V1,
  DirectoryCapacityReleaseV1,
  DirectoryCapacityReserveV1,
  DirectoryGapReportV1,
  DirectoryOrganizationSaveV1,
  DirectoryOrukReadV1,
  DirectorySearchV1,
  DirectoryServiceDeleteV1,
  DirectoryServiceGetV1,
  DirectoryServiceSaveV1,
  DirectoryServicesGetV1,
} from '@linkway/contracts';
import { DomainRpcExceptionFilter } from '@linkway/messaging';
import { CapacityService } from '../capacity/capacity.service';
import { OrukService } from '../oruk/oruk.service';
import { DirectoryService } from './directory.service';
import { SearchService } from './search.service';
import { parsePayload } from './settings';

/**
 * Request/reply handlers: validate the payload against its contract, then delegate.
 * The filter is bound here too: the global one set by bootstrapService does not reach
 * handlers of a hybrid app in Nest 11 (errors arrived as REMOTE_INTERNAL without it).
 */
@Controller()
@UseFilters(new DomainRpcExceptionFilter())
export class DirectoryController {
  constructor(
    private readonly directory: DirectoryService,
    private readonly search: SearchService,
    private readonly capacity: CapacityService,
    private readonly oruk: OrukService,
  ) {}

  @MessagePattern(DIRECTORY_CAPACITY_RESERVE_V1)
  async reserve(@Payload() payload: unknown) {
    return this.capacity.reserve(await parsePayload(DirectoryCapacityReserveV1, payload));
  }

  @MessagePattern(DIRECTORY_CAPACITY_RELEASE_V1)
  async release(@Payload() payload: unknown) {
    return this.capacity.release(await parsePayload(DirectoryCapacityReleaseV1, payload));
  }

  @MessagePattern(DIRECTORY_SERVICE_GET_V1)
  async get(@Payload() payload: unknown) {
    return this.directory.get((await parsePayload(DirectoryServiceGetV1, payload)).serviceId);
  }

  @MessagePattern(DIRECTORY_SERVICES_GET_V1)
  async getMany(@Payload() payload: unknown) {
    const request = await parsePayload(DirectoryServicesGetV1, payload);
    return { items: await this.directory.views([...new Set(request.serviceIds)]) };
  }

  @MessagePattern(DIRECTORY_SERVICE_SAVE_V1)
  async save(@Payload() payload: unknown) {
    const request = await parsePayload(DirectoryServiceSaveV1, payload);
    return this.directory.save(request.serviceId, request.service);
  }

  @MessagePattern(DIRECTORY_SERVICE_DELETE_V1)
  async delete(@Payload() payload: unknown) {
    return this.directory.delete((await parsePayload(DirectoryServiceDeleteV1, payload)).serviceId);
  }

  @MessagePattern(DIRECTORY_ORGANIZATION_SAVE_V1)
  async saveOrganization(@Payload() payload: unknown) {
    return this.directory.saveOrganization(await parsePayload(DirectoryOrganizationSaveV1, payload));
  }

  @MessagePattern(DIRECTORY_SEARCH_V1)
  async searchServices(@Payload() payload: unknown) {
    return this.search.searchJson(await parsePayload(DirectorySearchV1, payload));
  }

  @MessagePattern(DIRECTORY_GAP_REPORT_V1)
  async gaps(@Payload() payload: unknown) {
    return this.search.gaps((await parsePayload(DirectoryGapReportV1, payload)).days);
  }

  @MessagePattern(DIRECTORY_ORUK_READ_V1)
  async orukRead(@Payload() payload: unknown) {
    return this.oruk.read(await parsePayload(DirectoryOrukReadV1, payload));
  }
}
