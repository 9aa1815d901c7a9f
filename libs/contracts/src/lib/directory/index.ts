import type { DirectoryCapacityReleasedV1, DirectoryCapacityReleaseV1 } from './capacity-release';
import type { DirectoryCapacityReservationV1, DirectoryCapacityReserveV1 } from './capacity-reserve';
import type { DirectoryGapReportResultV1, DirectoryGapReportV1 } from './gap-report';
import type { DirectoryOrganizationSaveV1, DirectoryOrganizationViewV1 } from './organization-save';
import type { DirectoryOrukReadResultV1, DirectoryOrukReadV1 } from './oruk-read';
import type { DirectorySearchResultV1, DirectorySearchV1 } from './search';
import type { DirectoryServiceDeletedV1, DirectoryServiceDeleteV1 } from './service-delete';
import type { DirectoryServiceGetResultV1, DirectoryServiceGetV1 } from './service-get';
import type { DirectoryServiceSavedV1, DirectoryServiceSaveV1 } from './service-save';
import type { DirectoryServicesGetResultV1, DirectoryServicesGetV1 } from './services-get';

export * from './shared';
export * from './capacity-reserve';
export * from './capacity-release';
export * from './service-get';
export * from './service-save';
export * from './service-delete';
export * from './organization-save';
export * from './search';
export * from './oruk-read';
export * from './gap-report';
export * from './services-get';

/** The partner directory's request/reply subjects, merged into RequestMap. */
export interface DirectoryRequests {
  'directory.capacity.reserve.v1': {
    request: DirectoryCapacityReserveV1;
    response: DirectoryCapacityReservationV1;
  };
  'directory.capacity.release.v1': {
    request: DirectoryCapacityReleaseV1;
    response: DirectoryCapacityReleasedV1;
  };
  'directory.service.get.v1': { request: DirectoryServiceGetV1; response: DirectoryServiceGetResultV1 };
  'directory.service.save.v1': { request: DirectoryServiceSaveV1; response: DirectoryServiceSavedV1 };
  'directory.service.delete.v1': { request: DirectoryServiceDeleteV1; response: DirectoryServiceDeletedV1 };
  'directory.organization.save.v1': {
    request: DirectoryOrganizationSaveV1;
    response: DirectoryOrganizationViewV1;
  };
  'directory.search.v1': { request: DirectorySearchV1; response: DirectorySearchResultV1 };
  'directory.oruk.read.v1': { request: DirectoryOrukReadV1; response: DirectoryOrukReadResultV1 };
  'directory.gap-report.v1': { request: DirectoryGapReportV1; response: DirectoryGapReportResultV1 };
  'directory.service.get_many.v1': {
    request: DirectoryServicesGetV1;
    response: DirectoryServicesGetResultV1;
  };
}
