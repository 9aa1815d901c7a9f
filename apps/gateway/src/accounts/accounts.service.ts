import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { ConflictError, ForbiddenError, NotFoundError, uuidv7 } from '@linkway/util';
import { PasswordHasher } from '../auth/password-hasher';
import type { Role } from '../auth/roles';
import { AuditService } from '../audit/audit.service';
import type { GatewayConfig } from '../config/gateway.config';
import { Account } from './account.entity';

export interface NewAccount {
  hubId: string;
  email: string;
  displayName: string;
  role: Role;
  password: string;
  partnerOrganisationId?: string | null;
}

/** Who asks for a change: a signed-in account, or the system (CLI) with accountId null. */
export interface AccountChanges {
  displayName?: string;
  role?: Role;
  disabled?: boolean;
  password?: string;
  partnerOrganisationId?: string | null;
}

export interface Actor {
  accountId: string | null;
  role: Role | 'system';
  hubId: string;
}

export interface AccountView {
  id: string;
  hubId: string;
  email: string;
  displayName: string;
  role: Role;
  disabled: boolean;
  partnerOrganisationId: string | null;
  createdAt: string;
}

export interface AccountPage {
  items: AccountView[];
  page: number;
  perPage: number;
  total: number;
}

export type UpsertOutcome = 'created' | 'updated' | 'unchanged';

const UNIQUE_VIOLATION = '23505';

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/** Enough for every account of a hub; past it the map starts again rather than grow. */
const ACTIVE_ACCOUNTS_MAX = 10_000;

@Injectable()
export class AccountsService {
  private readonly logger = new Logger(AccountsService.name);
  /** Accounts recently found enabled, by `hubId:id`: the JWT guard's check, without a query per request. */
  private readonly activeAccounts = new Map<string, { role: Role; until: number }>();
  private readonly activeCheckMs: number;

  constructor(
    @InjectRepository(Account) private readonly accounts: Repository<Account>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    config: ConfigService,
  ) {
    this.activeCheckMs = config.getOrThrow<GatewayConfig>('gateway').ACCOUNT_CHECK_CACHE_MS;
  }

  /**
   * Admins create any account of their hub; hub managers any but admins (an admin can do
   * everything, so only an admin may make another). The account and its audit row commit together.
   */
  async create(actor: Actor, input: NewAccount, requestId?: string): Promise<AccountView> {
    if (actor.role !== 'system' && actor.role !== 'admin') {
      if (actor.role !== 'hub_manager')
        throw new ForbiddenError('Only admins and hub managers create accounts');
      if (input.role === 'admin') {
        throw new ForbiddenError('Only an admin may create an admin account', [
          { field: 'role', reason: 'hub managers may create any role but admin' },
        ]);
      }
    }
    const account = this.accounts.create({
      id: uuidv7(),
      hubId: input.hubId,
      email: normaliseEmail(input.email),
      displayName: input.displayName.trim(),
      role: input.role,
      passwordHash: await this.hasher.hash(input.password),
      disabled: false,
      partnerOrganisationId: input.partnerOrganisationId ?? null,
      createdAt: new Date(),
    });
    try {
      await this.dataSource.transaction(async (manager) => {
        await manager.getRepository(Account).insert(account);
        await this.audit.record(
          {
            actor: actor.accountId,
            role: actor.role,
            hub: input.hubId,
            action: 'account.create',
            entity: 'account',
            entityId: account.id,
            purpose: 'account_administration',
            requestId,
          },
          manager,
        );
      });
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
        throw new ConflictError('An account with this email already exists in this hub', [
          { field: 'email', reason: 'already in use in this hub' },
        ]);
      }
      throw error;
    }
    this.logger.log({
      msg: 'account created',
      accountId: account.id,
      hubId: account.hubId,
      role: account.role,
      by: actor.accountId,
    });
    return toView(account);
  }

  /**
   * Hub managers may not touch admin accounts nor make anyone an admin; nobody may disable
   * themselves or change their own role (a hub must not lock out its last administrator by accident).
   */
  async update(actor: Actor, id: string, changes: AccountChanges, requestId?: string): Promise<AccountView> {
    const account = await this.accounts.findOneBy({ hubId: actor.hubId, id });
    if (!account) throw new NotFoundError('Account', id);
    if (actor.role !== 'system' && actor.role !== 'admin' && actor.role !== 'hub_manager') {
      throw new ForbiddenError('Only admins and hub managers change accounts');
    }
    if (actor.role === 'hub_manager' && (account.role === 'admin' || changes.role === 'admin')) {
      throw new ForbiddenError('Only an admin may change an admin account or grant the admin role');
    }
    if (
      actor.accountId === id &&
      ((changes.role !== undefined && changes.role !== account.role) || changes.disabled === true)
    ) {
      throw new ForbiddenError('You cannot disable your own account or change your own role', [
        { field: changes.disabled === true ? 'disabled' : 'role', reason: 'ask another administrator' },
      ]);
    }
    const update: Partial<Account> = {};
    if (changes.displayName !== undefined) update.displayName = changes.displayName.trim();
    if (changes.role !== undefined) update.role = changes.role;
    if (changes.disabled !== undefined) update.disabled = changes.disabled;
    if (changes.partnerOrganisationId !== undefined)
      update.partnerOrganisationId = changes.partnerOrganisationId;
    if (changes.password !== undefined) update.passwordHash = await this.hasher.hash(changes.password);
    if (Object.keys(update).length === 0) return toView(account);
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(Account).update({ id }, update);
      await this.audit.record(
        {
          actor: actor.accountId,
          role: actor.role,
          hub: actor.hubId,
          action: 'account.update',
          entity: 'account',
          entityId: id,
          purpose: 'account_administration',
          requestId,
        },
        manager,
      );
    });
    this.forgetActive(actor.hubId, id);
    // which fields changed, never their values (a password among them)
    this.logger.log({
      msg: 'account updated',
      accountId: id,
      fields: Object.keys(update),
      by: actor.accountId,
    });
    return toView({ ...account, ...update });
  }

  async get(hubId: string, id: string): Promise<AccountView> {
    const account = await this.accounts.findOneBy({ hubId, id });
    if (!account) throw new NotFoundError('Account', id);
    return toView(account);
  }

  async list(hubId: string, query: { page: number; perPage: number; role?: Role }): Promise<AccountPage> {
    const [rows, total] = await this.accounts.findAndCount({
      where: { hubId, ...(query.role ? { role: query.role } : {}) },
      order: { email: 'ASC' },
      skip: (query.page - 1) * query.perPage,
      take: query.perPage,
    });
    return { items: rows.map(toView), page: query.page, perPage: query.perPage, total };
  }

  /** For sign-in only: includes the password hash. */
  findByEmail(hubId: string, email: string): Promise<Account | null> {
    return this.accounts
      .createQueryBuilder('a')
      .where('a.hub_id = :hubId AND lower(a.email) = :email', { hubId, email: normaliseEmail(email) })
      .getOne();
  }

  /** True while the account exists, is enabled and still holds `role`: a token stops working when either changes. */
  async isActive(hubId: string, id: string, role: Role): Promise<boolean> {
    const key = `${hubId}:${id}`;
    const known = this.activeAccounts.get(key);
    if (known && known.until > Date.now()) return known.role === role;
    const account = await this.accounts.findOne({
      where: { hubId, id },
      select: { id: true, role: true, disabled: true },
    });
    if (!account || account.disabled) {
      this.activeAccounts.delete(key);
      return false;
    }
    if (this.activeCheckMs > 0) {
      if (this.activeAccounts.size >= ACTIVE_ACCOUNTS_MAX) this.activeAccounts.clear();
      this.activeAccounts.set(key, { role: account.role, until: Date.now() + this.activeCheckMs });
    }
    return account.role === role;
  }

  /** After a change commits: the next request of that account is checked against Postgres. */
  private forgetActive(hubId: string, id: string): void {
    this.activeAccounts.delete(`${hubId}:${id}`);
  }

  /**
   * Makes sure the account exists with this role and password, enabled (the CLI's create-admin
   * and seed-demo). `resetExisting: false` leaves an existing account alone.
   */
  async ensure(
    input: NewAccount,
    options: { resetExisting: boolean },
  ): Promise<{ account: AccountView; outcome: UpsertOutcome }> {
    const existing = await this.findByEmail(input.hubId, input.email);
    if (!existing) {
      try {
        return {
          account: await this.create({ accountId: null, role: 'system', hubId: input.hubId }, input),
          outcome: 'created',
        };
      } catch (error) {
        // a concurrent run created it first: fall through and treat it as existing
        if (!(error instanceof ConflictError)) throw error;
        return this.ensure(input, options);
      }
    }
    if (!options.resetExisting) return { account: toView(existing), outcome: 'unchanged' };
    const passwordMatches = await this.hasher.verify(existing.passwordHash, input.password);
    const same =
      passwordMatches &&
      existing.role === input.role &&
      !existing.disabled &&
      existing.displayName === input.displayName;
    if (same) return { account: toView(existing), outcome: 'unchanged' };
    const changes: Partial<Account> = { role: input.role, disabled: false, displayName: input.displayName };
    if (!passwordMatches) changes.passwordHash = await this.hasher.hash(input.password);
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(Account).update({ id: existing.id }, changes);
      await this.audit.record(
        {
          actor: null,
          role: 'system',
          hub: input.hubId,
          action: 'account.reset',
          entity: 'account',
          entityId: existing.id,
          purpose: 'account_administration',
        },
        manager,
      );
    });
    this.forgetActive(input.hubId, existing.id);
    return { account: toView({ ...existing, ...changes }), outcome: 'updated' };
  }
}

const toView = (account: Account): AccountView => ({
  id: account.id,
  hubId: account.hubId,
  email: account.email,
  displayName: account.displayName,
  role: account.role,
  disabled: account.disabled,
  partnerOrganisationId: account.partnerOrganisationId,
  createdAt: account.createdAt.toISOString(),
});
