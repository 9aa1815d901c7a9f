import { headers } from 'nats';
import { LINKWAY_HEADERS } from '../outbox/publish-headers';
import { deadLetterHeaders, deadLetterMessageId } from './dead-letter';

describe(deadLetterHeaders.name, () => {
  const facts = {
    consumer: 'casework-referrals',
    subject: 'evt.intake.referral.accepted.v1',
    messageId: '01a200dc-0000-7000-8000-000000000001',
    deliveryCount: 5,
    reason: 'handler failed on attempt 5:\nduplicate key',
    stream: 'HUB_EVENTS',
    streamSequence: 42,
    at: new Date('2026-11-22T01:00:00Z'),
  };

  it('carries the reason, the original subject and the delivery count', () => {
    const sut = deadLetterHeaders(facts);
    expect(sut.get(LINKWAY_HEADERS.deadLetterReason)).toBe('handler failed on attempt 5: duplicate key');
    expect(sut.get(LINKWAY_HEADERS.deadLetterSubject)).toBe(facts.subject);
    expect(sut.get(LINKWAY_HEADERS.deadLetterDeliveries)).toBe('5');
    expect(sut.get(LINKWAY_HEADERS.deadLetterConsumer)).toBe('casework-referrals');
    expect(sut.get(LINKWAY_HEADERS.deadLetterMessageId)).toBe(facts.messageId);
    expect(sut.get(LINKWAY_HEADERS.deadLetterStreamSequence)).toBe('42');
    expect(sut.get(LINKWAY_HEADERS.deadLetterAt)).toBe('2026-11-22T01:00:00.000Z');
  });

  it('keeps the original headers except the dedupe key', () => {
    const original = headers();
    original.set('Nats-Msg-Id', facts.messageId);
    original.set('Linkway-Correlation-Id', 'corr-1');
    const sut = deadLetterHeaders(facts, original);
    expect(sut.get('Linkway-Correlation-Id')).toBe('corr-1');
    expect(sut.has('Nats-Msg-Id')).toBe(false);
  });

  it('gives each consumer its own dead-letter id for a message', () => {
    expect(deadLetterMessageId('a', 'm1')).not.toBe(deadLetterMessageId('b', 'm1'));
  });
});
