import { Account } from '../accounts/account.entity';
import { AuditLogEntry } from '../audit/audit-log.entity';
import { AccountsAndAudit1763773200000 } from './migrations/1763773200000-accounts-and-audit';
import { AppRoleMessagingGrants1790000000000 } from './migrations/1790000000000-app-role-messaging-grants';

/** The gateway's own schema; no other service reads or writes it. */
export const SCHEMA = 'gateway';

export const entities = [Account, AuditLogEntry];

// TypeORM orders migrations by the timestamp in their name; the platform's outbox/inbox
// migration (1763780000000) runs between these two.
export const migrations = [AccountsAndAudit1763773200000, AppRoleMessagingGrants1790000000000];
