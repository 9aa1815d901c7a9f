import { Type } from 'class-transformer';
import { ValidateNested } from 'class-validator';
import { CaseworkActorV1 } from '../actor';

/** Request/reply: pathway metrics for the hub manager (conversion, drop-off, median days; by model and training). */
export const CASEWORK_PATHWAY_METRICS_V1 = 'casework.pathway.metrics.v1' as const;

export class GetPathwayMetricsV1 {
  @ValidateNested() @Type(() => CaseworkActorV1) actor!: CaseworkActorV1;
}
