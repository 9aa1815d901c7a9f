/**
 * JetStream streams. Names and subject filters are part of the deployed state of every hub:
 * never rename one without a migration plan (consumers are bound to them).
 */
export const STREAMS = {
  /** Domain events of one hub; stays in the hub. */
  HUB_EVENTS: { name: 'HUB_EVENTS', subjects: ['evt.>'] },
  /** Messages a consumer gave up on, with the reason in headers; kept for a person to inspect and replay. */
  DEAD_LETTERS: { name: 'DEAD_LETTERS', subjects: ['dlq.>'] },
  /** De-identified aggregates leaving the hub for the ICS. */
  FEDERATION_OUT: { name: 'FEDERATION_OUT', subjects: ['fed.>'] },
  /** At the ICS: sources every hub's FEDERATION_OUT. */
  FEDERATION_IN: { name: 'FEDERATION_IN', subjects: [] as string[] },
} as const;

/**
 * Where a message goes after its last failed delivery, with the reason in a header.
 * `prefix` is for tests, whose subjects all start with the suite's own prefix.
 */
export const deadLetterSubject = (consumer: string, subject: string, prefix = '') =>
  `${prefix ? `${prefix}.` : ''}dlq.${consumer}.${subject}`;
