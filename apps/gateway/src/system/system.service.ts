import { Injectable } from '@nestjs/common';
import {
  SERVICE_NAMES,
  type ServiceName,
  systemPingSubject,
  type SystemPingV1,
  type SystemPongV1,
} from '@linkway/contracts';
import { RequestClient } from '@linkway/messaging';
import { DomainError } from '@linkway/util';

/** A ping answers within this or the service counts as down: a status page must not hang. */
export const PING_TIMEOUT_MS = 1_000;

export interface ServiceStatus {
  service: ServiceName;
  status: 'up' | 'unavailable' | 'timeout' | 'error';
  latencyMs: number;
  version?: string;
  reason?: string;
}

@Injectable()
export class SystemService {
  constructor(private readonly requests: RequestClient) {}

  /** One service; its failure is the caller's error (503 no responders, 504 timeout). */
  ping(service: ServiceName): Promise<SystemPongV1> {
    const request: SystemPingV1 = { from: 'gateway' };
    return this.requests.request(systemPingSubject(service), request, { timeoutMs: PING_TIMEOUT_MS });
  }

  /** Every hub service, in parallel; one down service is a row of the answer, not an error. */
  statuses(): Promise<ServiceStatus[]> {
    return Promise.all(
      SERVICE_NAMES.map(async (service): Promise<ServiceStatus> => {
        const started = Date.now();
        try {
          const pong = await this.ping(service);
          return { service, status: 'up', latencyMs: Date.now() - started, version: pong.version };
        } catch (error) {
          const code = error instanceof DomainError ? error.code : undefined;
          const status = code === 'UNAVAILABLE' ? 'unavailable' : code === 'TIMEOUT' ? 'timeout' : 'error';
          return { service, status, latencyMs: Date.now() - started, reason: (error as Error).message };
        }
      }),
    );
  }
}
