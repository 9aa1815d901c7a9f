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

@Injectable()
export class AuditService {
  private readonly logger = new Logger(AuditService.name);

  constructor(@InjectRepository(AuditLogEntry) private readonly entries: Repository<AuditLogEntry>) {}

  /**
   * Writes one audit row. Pass the transaction's manager when the audited change is written in
   * one, so the change and its audit row commit together or not at all.
   */
  async record(record: AuditRecord, manager?: EntityManager): Promise<string> {
    const id = uuidv7();
    // plain SQL: one audit row per audited request, and TypeORM's insert builder was a visible
    // share of the gateway's CPU per request
    await (manager ?? this.entries.manager).query(
      `INSERT INTO audit_log (id, at, actor_id, actor_role, hub_id, action, entity, entity_id, purpose, request_id)
       VALUES ($1, now(), $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        id,
        record.actor,
        record.role,
        record.hub,
        record.action,
        record.entity,
        record.entityId ?? null,
        record.purpose,
        record.requestId ?? null,
      ],
    );
    this.logger.debug({
      msg: 'audit recorded',
      auditId: id,
      action: record.action,
      entity: record.entity,
      entityId: record.entityId,
    });
    return id;
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
