import { chaserJobId, ChaserJob } from './queues';

describe(chaserJobId.name, () => {
  it('is deterministic per job and onward referral, and distinct between the two chasers', () => {
    const id = '0190a0c0-0000-7000-8000-000000000001';
    expect(chaserJobId(ChaserJob.Nudge, id)).toBe(chaserJobId(ChaserJob.Nudge, id));
    expect(chaserJobId(ChaserJob.Nudge, id)).not.toBe(chaserJobId(ChaserJob.Expire, id));
    // BullMQ refuses custom ids containing ':'
    expect(chaserJobId(ChaserJob.Expire, id)).not.toContain(':');
  });
});
