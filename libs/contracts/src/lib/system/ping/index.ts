import { IsIn, IsString } from 'class-validator';

/** Request/reply: is a service up and which build answers. The gateway's readiness uses it. */
export const SYSTEM_PING_V1 = 'sys.ping.v1' as const;

export const SERVICE_NAMES = ['referral-intake', 'casework', 'partner-directory', 'outcomes'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** Each service answers on its own subject so a ping reaches one service, not the first of any. */
export const systemPingSubject = (service: ServiceName) => `${SYSTEM_PING_V1}.${service}` as const;

export class SystemPingV1 {
  @IsString()
  from!: string;
}

export class SystemPongV1 {
  @IsIn(SERVICE_NAMES)
  service!: ServiceName;

  @IsString()
  version!: string;

  @IsString()
  hubId!: string;

  /** host:pid of the replica that answered; shows queue-group load sharing. */
  @IsString()
  instance!: string;
}
