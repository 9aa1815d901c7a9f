import { IsIn, IsOptional, IsString } from 'class-validator';

/** Who asks: the gateway passes the verified caller so casework checks role and ownership itself. */
export class CaseworkActorV1 {
  @IsString() accountId!: string;
  @IsIn(['referrer', 'link_worker', 'hub_manager', 'partner', 'ics_analyst', 'admin']) role!: string;
  /** Partner accounts only: the ORUK organization id they answer for. */
  @IsOptional() @IsString() partnerOrganisationId?: string | null;
}
