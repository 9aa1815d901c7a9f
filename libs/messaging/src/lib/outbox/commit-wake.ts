import type {
  DataSource,
  EntityManager,
  EntitySubscriberInterface,
  QueryRunner,
  TransactionCommitEvent,
  TransactionRollbackEvent,
} from 'typeorm';

/** Set on a query runner by `enqueueEvent`: its open transaction has written outbox rows. */
const OUTBOX_WRITTEN = 'linkwayOutboxWritten';

/**
 * Marks the manager's open transaction as having written outbox rows, so the relay wakes when
 * it commits. `enqueueEvent` does it; call it after writing outbox rows with your own SQL.
 */
export function markOutboxWritten(manager: EntityManager): void {
  const runner = manager.queryRunner;
  if (!runner?.isTransactionActive)
    throw new Error('markOutboxWritten must run inside the transaction that wrote the outbox rows');
  runner.data[OUTBOX_WRITTEN] = true;
}

/** Wakes the relays of `dataSource` after a single autocommitted statement wrote outbox rows. */
export function outboxCommitted(dataSource: DataSource): void {
  subscribers.get(dataSource)?.wakeAll();
}

/** Clears the mark; true if the transaction that just ended had written outbox rows. */
function takeMark(runner: QueryRunner): boolean {
  const written = runner.data[OUTBOX_WRITTEN] === true;
  delete runner.data[OUTBOX_WRITTEN];
  return written;
}

/**
 * One TypeORM subscriber per data source that calls every registered relay when a transaction
 * that enqueued events commits. This replaces a NOTIFY trigger: a notifying transaction takes
 * Postgres's cluster-wide notify lock at commit, which serialised every outbox commit.
 */
class OutboxCommitSubscriber implements EntitySubscriberInterface {
  readonly listeners = new Set<() => void>();

  afterTransactionCommit(event: TransactionCommitEvent): void {
    // a released savepoint also "commits"; the rows become visible only at the outer COMMIT
    if (event.queryRunner.isTransactionActive) return;
    if (takeMark(event.queryRunner)) this.wakeAll();
  }

  wakeAll(): void {
    for (const listener of this.listeners) listener();
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) takeMark(event.queryRunner);
  }
}

const subscribers = new WeakMap<DataSource, OutboxCommitSubscriber>();

/** Calls `listener` after every commit on `dataSource` that wrote outbox rows; returns the unsubscribe. */
export function onOutboxCommit(dataSource: DataSource, listener: () => void): () => void {
  let subscriber = subscribers.get(dataSource);
  if (!subscriber) {
    subscriber = new OutboxCommitSubscriber();
    subscribers.set(dataSource, subscriber);
    dataSource.subscribers.push(subscriber);
  }
  const own = subscriber;
  own.listeners.add(listener);
  return () => own.listeners.delete(listener);
}
