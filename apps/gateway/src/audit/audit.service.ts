import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, Repository } from 'typeorm';
import { uuidv7 } from '@linkway/util';
import type { Principal } from '../auth/principal';
import { AuditLogEntry } from './audit-log.entity';

/** What happened to which record, by whom and why. `actor` is null for the system itself (CLI, seeding). */
export interface AuditRecord {
  actor: string | null;
  role: string;
  hub: string;
  action: string;
  entity: string;
  entityId?: string | null;
  purpose: string;
  requestId?: string | null;
}

export interface AuditFilter {
  actorId?: string;
  entity?: string;
  entityId?: string;
  action?: string;
  from?: Date;
  to?: Date;
  page: number;
  perPage: number;
}

export interface AuditPage {
  items: AuditLogView[];
  page: number;
  perPage: number;
  total: number;
}

export interface AuditLogView {
  id: string;
  at: string;
  actorId: string | null;
  actorRole: string;
  hubId: string;
  action: string;
  entity: string;
  entityId: string | null;
  purpose: string;
  requestId: string | null;
}

/** Group commit: writes at once (each a multi-row INSERT), and rows per write. */
const MAX_WRITES_IN_FLIGHT = 2;
const MAX_ROWS_PER_WRITE = 500;

interface QueuedRow {
  id: string;
  record: AuditRecord;
  resolve: () => void;
  reject: (error: Error) => void;
}

@Injectable()
export class AuditService {
  private readonly logger = new Logger(AuditService.name);
  private readonly queue: QueuedRow[] = [];
  private writing = 0;

  constructor(@InjectRepository(AuditLogEntry) private readonly entries: Repository<AuditLogEntry>) {}

  /**
   * Writes one audit row, durably, before it resolves. Pass the transaction's manager when the
   * audited change is written in one, so the change and its audit row commit together or not
   * at all. Without one, rows of concurrent requests are group-committed: whatever arrives while
   * a write is in flight goes into the next multi-row INSERT, so under load a commit carries
   * many rows instead of one each (and a lone request waits for no one).
   */
  async record(record: AuditRecord, manager?: EntityManager): Promise<string> {
    const id = uuidv7();
    if (manager) await this.insert(manager, [{ id, record }]);
    else
      await new Promise<void>((resolve, reject) => {
        this.queue.push({ id, record, resolve, reject });
        this.writeQueued();
      });
    this.logger.debug({
      msg: 'audit recorded',
      auditId: id,
      action: record.action,
      entity: record.entity,
      entityId: record.entityId,
    });
    return id;
  }

  private writeQueued(): void {
    while (this.writing < MAX_WRITES_IN_FLIGHT && this.queue.length) {
      const batch = this.queue.splice(0, MAX_ROWS_PER_WRITE);
      this.writing += 1;
      this.insert(this.entries.manager, batch)
        .then(
          () => batch.forEach((b) => b.resolve()),
          (error: unknown) => this.retryAlone(batch, error as Error),
        )
        .finally(() => {
          this.writing -= 1;
          this.writeQueued();
        });
    }
  }

  /** One bad row must not fail the requests that happened to share its write: each is tried alone. */
  private async retryAlone(batch: QueuedRow[], error: Error): Promise<void> {
    if (batch.length === 1) return batch[0]?.reject(error);
    await Promise.all(batch.map((b) => this.insert(this.entries.manager, [b]).then(b.resolve, b.reject)));
  }

  /** Plain SQL: TypeORM's insert builder was a visible share of the gateway's CPU per request. */
  private async insert(manager: EntityManager, rows: Array<{ id: string; record: AuditRecord }>) {
    const column = <T>(pick: (r: AuditRecord) => T) => rows.map(({ record }) => pick(record));
    await manager.query(
      `INSERT INTO audit_log (id, at, actor_id, actor_role, hub_id, action, entity, entity_id, purpose, request_id)
       SELECT id, now(), actor_id, actor_role, hub_id, action, entity, entity_id, purpose, request_id
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
         AS r(id, actor_id, actor_role, hub_id, action, entity, entity_id, purpose, request_id)`,
      [
        rows.map((r) => r.id),
        column((r) => r.actor),
        column((r) => r.role),
        column((r) => r.hub),
        column((r) => r.action),
        column((r) => r.entity),
        column((r) => r.entityId ?? null),
        column((r) => r.purpose),
        column((r) => r.requestId ?? null),
      ],
    );
  }

  /** A person reviewing the trail: the page they see, and an audit row saying they looked. */
  async review(principal: Principal, filter: AuditFilter, requestId: string): Promise<AuditPage> {
    const page = await this.list(principal.hubId, filter);
    await this.record({
      actor: principal.accountId,
      role: principal.role,
      hub: principal.hubId,
      action: 'audit.list',
      entity: 'audit_log',
      purpose: 'audit_review',
      requestId,
    });
    return page;
  }

  /** Newest first; always within one hub. */
  async list(hubId: string, filter: AuditFilter): Promise<AuditPage> {
    const query = this.entries.createQueryBuilder('a').where('a.hub_id = :hubId', { hubId });
    if (filter.actorId) query.andWhere('a.actor_id = :actorId', { actorId: filter.actorId });
    if (filter.entity) query.andWhere('a.entity = :entity', { entity: filter.entity });
    if (filter.entityId) query.andWhere('a.entity_id = :entityId', { entityId: filter.entityId });
    if (filter.action) query.andWhere('a.action = :action', { action: filter.action });
    if (filter.from) query.andWhere('a.at >= :from', { from: filter.from });
    if (filter.to) query.andWhere('a.at < :to', { to: filter.to });
    const [rows, total] = await query
      .orderBy('a.at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .skip((filter.page - 1) * filter.perPage)
      .take(filter.perPage)
      .getManyAndCount();
    return { items: rows.map(toView), page: filter.page, perPage: filter.perPage, total };
  }
}

const toView = (row: AuditLogEntry): AuditLogView => ({
  id: row.id,
  at: row.at.toISOString(),
  actorId: row.actorId,
  actorRole: row.actorRole,
  hubId: row.hubId,
  action: row.action,
  entity: row.entity,
  entityId: row.entityId,
  purpose: row.purpose,
  requestId: row.requestId,
});
