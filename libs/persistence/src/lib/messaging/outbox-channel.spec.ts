import { messagingEntities, messagingMigrations, outboxChannel } from './index';

describe(outboxChannel.name, () => {
  it('names one channel per schema', () => {
    expect(outboxChannel('casework')).toBe('outbox_casework');
  });

  it('refuses a schema name that could break out of the LISTEN statement', () => {
    expect(() => outboxChannel('casework"; DROP TABLE outbox; --')).toThrow(/Schema name/);
  });

  it('exports the entities and a timestamped migration for services to spread', () => {
    expect(messagingEntities.map((e) => e.name)).toEqual(['OutboxMessage', 'InboxMessage']);
    expect(messagingMigrations.map((m) => m.name)).toEqual([expect.stringMatching(/^\D+\d{13}$/)]);
  });
});
