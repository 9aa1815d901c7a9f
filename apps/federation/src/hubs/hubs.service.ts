import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import type { NatsConfig } from '@linkway/config';
import { ensureFederationIn, jetStreamManager } from '@linkway/messaging';
import { NATS_CONNECTION } from '@linkway/platform';
import type { FederationConfig } from '../config/federation.config';
import type { HubInfo } from '../reports/report-builder';
import { Hub } from './hub.entity';

export interface HubRegistration {
  id: string;
  name: string;
  archetype: string;
  integrationModel: string;
  population: number;
}

/**
 * The hub registry. Registering a hub is data plus one stream update: FEDERATION_IN gains a
 * source for the hub's FEDERATION_OUT (`$JS.<hubId>.API`). No code change, no restart.
 */
@Injectable()
export class HubsService {
  private readonly logger = new Logger(HubsService.name);

  constructor(
    private readonly dataSource: DataSource,
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    private readonly config: ConfigService,
  ) {}

  async register(input: HubRegistration): Promise<{ hub: Hub; created: boolean }> {
    const rows: { created: boolean }[] = await this.dataSource.query(
      `INSERT INTO hub (id, name, archetype, integration_model, population, registered_at)
       VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, archetype = EXCLUDED.archetype,
         integration_model = EXCLUDED.integration_model, population = EXCLUDED.population
       RETURNING (xmax = 0) AS created`,
      [input.id, input.name, input.archetype, input.integrationModel, input.population],
    );
    await this.syncSources();
    this.logger.log({ msg: 'hub registered', hubId: input.id, created: rows[0]?.created });
    return {
      hub: await this.dataSource.getRepository(Hub).findOneByOrFail({ id: input.id }),
      created: Boolean(rows[0]?.created),
    };
  }

  /** Registers FEDERATION_HUBS that are missing (placeholder details) and brings the stream's sources up to date. */
  async registerConfiguredHubs(): Promise<void> {
    const ids = this.config
      .getOrThrow<FederationConfig>('federation')
      .FEDERATION_HUBS.split(',')
      .filter(Boolean);
    for (const id of ids) {
      await this.dataSource.query(
        `INSERT INTO hub (id, name, archetype, integration_model, population) VALUES ($1, $1, 'community_centre', 'none', 0)
         ON CONFLICT (id) DO NOTHING`,
        [id],
      );
    }
    await this.syncSources();
  }

  async hasHubs(): Promise<boolean> {
    return this.dataSource.getRepository(Hub).exists();
  }

  async syncSources(): Promise<void> {
    const hubIds = (await this.dataSource.getRepository(Hub).find({ select: { id: true } })).map((h) => h.id);
    const jsm = await jetStreamManager(this.nats, this.config.getOrThrow<NatsConfig>('nats').NATS_JS_DOMAIN);
    await ensureFederationIn(jsm, { hubIds });
  }

  async list(): Promise<HubInfo[]> {
    const staleAfterMs =
      this.config.getOrThrow<FederationConfig>('federation').FEDERATION_STALE_AFTER_HOURS * 3600_000;
    const hubs = await this.dataSource.getRepository(Hub).find({ order: { id: 'ASC' } });
    const now = Date.now();
    return hubs.map((h) => ({
      hubId: h.id,
      name: h.name,
      archetype: h.archetype,
      integrationModel: h.integrationModel,
      population: h.population,
      lastSnapshotAt: h.lastSnapshotAt ? h.lastSnapshotAt.toISOString() : null,
      stale: !h.lastSnapshotAt || now - h.lastSnapshotAt.getTime() > staleAfterMs,
    }));
  }
}
