import type { PractitionerLoad, QueuedCase } from '../../api/types';
import { allocationErrors, byQueue, practitionerOptions, waitingFor } from './allocation-queue';

const queued = (overrides: Partial<QueuedCase> = {}): QueuedCase => ({
  id: 'case-1',
  personId: 'person-1',
  queue: 'general',
  needs: ['isolation'],
  integrationModel: 'none',
  safeguarding: false,
  openedAt: '2026-11-01T09:00:00.000Z',
  person: null,
  ...overrides,
});

const practitioner = (overrides: Partial<PractitionerLoad> & { open?: number; capacity?: number } = {}) => {
  const { open = 10, capacity = 40, ...rest } = overrides;
  return {
    id: 'p-1',
    name: 'Lee Worker',
    role: 'link_worker',
    active: true,
    homeEnvironmentTrained: false,
    load: {
      openCases: open,
      caseloadCapacity: capacity,
      load: open / capacity,
      overCapacity: open > capacity,
    },
    supervision: { dueAt: '2026-12-01T00:00:00.000Z', overdue: false },
    ...rest,
  } satisfies PractitionerLoad;
};

describe(waitingFor.name, () => {
  const now = new Date('2026-11-10T12:00:00.000Z');
  it.each([
    ['2026-11-10T11:30:00.000Z', 'under an hour'],
    ['2026-11-10T11:00:00.000Z', '1 hour'],
    ['2026-11-09T00:00:00.000Z', '36 hours'],
    ['2026-11-01T09:00:00.000Z', '9 days'],
  ])('says a case opened at %s has waited %s', (openedAt, text) => {
    expect(waitingFor(openedAt, now)).toBe(text);
  });
});

describe(byQueue.name, () => {
  it('puts the safeguarding queue first, each queue oldest first, and leaves out empty queues', () => {
    const groups = byQueue([
      queued({ id: 'g-new', openedAt: '2026-11-05T00:00:00.000Z' }),
      queued({ id: 'h', queue: 'hub_manager', openedAt: '2026-11-06T00:00:00.000Z' }),
      queued({ id: 'g-old', openedAt: '2026-11-02T00:00:00.000Z' }),
    ]);
    expect(groups.map((g) => [g.queue, g.cases.map((c) => c.id)])).toEqual([
      ['hub_manager', ['h']],
      ['general', ['g-old', 'g-new']],
    ]);
  });
});

describe(practitionerOptions.name, () => {
  const staff = [
    practitioner({ id: 'nav', name: 'Nia Navigator', role: 'specialist_navigator', open: 1, capacity: 30 }),
    practitioner({ id: 'busy', name: 'Bo Busy', open: 39 }),
    practitioner({ id: 'free', name: 'Fay Free', open: 5 }),
    practitioner({ id: 'full', name: 'Flo Full', open: 41 }),
    practitioner({ id: 'gone', name: 'Gus Gone', active: false }),
  ];

  it('lists active practitioners whose role takes the queue first, most free places first, with load', () => {
    const options = practitionerOptions(staff, 'general');
    expect(options.map((o) => o.value)).toEqual(['free', 'busy', 'full', 'nav']);
    expect(options[0].label).toBe('Fay Free, link worker: 5 of 40 open (takes this queue)');
    expect(options[2].label).toBe('Flo Full, link worker: 41 of 40 open (over capacity)');
    expect(options[3]).toMatchObject({
      matchesQueue: false,
      label: expect.stringContaining('(other queue)'),
    });
  });

  it('matches nobody for the hub manager queue, so everyone is ordered by free places', () => {
    const options = practitionerOptions(staff, 'hub_manager');
    expect(options.every((o) => !o.matchesQueue)).toBe(true);
    expect(options.map((o) => o.value)).toEqual(['free', 'nav', 'busy', 'full']);
  });
});

describe(allocationErrors.name, () => {
  it('asks for a practitioner and a reason', () => {
    expect(allocationErrors('', ' a ')).toEqual({
      practitioner: 'Choose who to allocate the case to',
      reason: 'Say why you allocate the case to them (at least 3 characters)',
    });
    expect(allocationErrors('p-1', 'x'.repeat(1001))).toEqual({
      reason: 'Keep the reason to 1000 characters',
    });
    expect(allocationErrors('p-1', 'Knows the family')).toEqual({});
  });
});
