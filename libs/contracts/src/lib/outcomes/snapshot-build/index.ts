import { IsIn, IsOptional, IsString } from 'class-validator';

/**
 * Request/reply (operators, CLI, tests): build the hub snapshot of one period now. Publishes a new
 * version only when the aggregates changed since the last version of that period.
 */
export const OUTCOMES_SNAPSHOT_BUILD_V1 = 'outcomes.snapshot.build.v1' as const;

export class BuildSnapshotV1 {
  @IsIn(['week', 'month']) kind!: 'week' | 'month';
  /** `2026-11` or `2026-W47`; the current period when left out. */
  @IsOptional() @IsString() key?: string;
}

export interface SnapshotBuiltV1 {
  kind: 'week' | 'month';
  key: string;
  version: number;
  /** False when nothing changed and no new version was published. */
  published: boolean;
}
