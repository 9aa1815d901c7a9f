import { MessagingOutboxInbox1763780000000 } from './1763780000000-messaging-outbox-inbox';
import { MessagingOutboxWakeOnCommit1763780000001 } from './1763780000001-outbox-wake-on-commit';
import { InboxMessage } from './inbox-message.entity';
import { OutboxMessage } from './outbox-message.entity';

export { MessagingOutboxInbox1763780000000, MessagingOutboxWakeOnCommit1763780000001, InboxMessage, OutboxMessage };

/** Spread into a service's entity list: `entities: [...messagingEntities, Referral]`. */
export const messagingEntities = [OutboxMessage, InboxMessage];

/** Spread first into a service's migration list: `migrations: [...messagingMigrations, ...own]`. */
export const messagingMigrations = [MessagingOutboxInbox1763780000000, MessagingOutboxWakeOnCommit1763780000001];
