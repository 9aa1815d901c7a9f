import { hostname } from 'node:os';
import { Controller, Inject, type Type } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { type HubConfig } from '@linkway/config';
import { type ServiceName, type SystemPongV1, systemPingSubject } from '@linkway/contracts';

const VERSION = process.env.LINKWAY_VERSION ?? '0.1.0';

/**
 * Answers `sys.ping.v1.<service>` so the gateway can tell "service down" (no responders,
 * 503) from "service stuck" (timeout, 504). One class per service because the subject is
 * part of the decorator.
 */
export function systemPingController(service: ServiceName): Type<unknown> {
  @Controller()
  class SystemPingController {
    constructor(@Inject(ConfigService) private readonly config: ConfigService) {}

    @MessagePattern(systemPingSubject(service))
    ping(@Payload() _request: unknown): SystemPongV1 {
      return {
        service,
        version: VERSION,
        hubId: this.config.getOrThrow<HubConfig>('hub').HUB_ID,
        instance: `${hostname()}:${process.pid}`,
      };
    }
  }
  return SystemPingController;
}
