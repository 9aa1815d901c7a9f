import type { PractitionerLoad } from '../../api/types';
import {
  hubToday,
  newSupervisionForm,
  type SupervisionForm,
  supervisionApiErrors,
  supervisionDueText,
  supervisionFormErrors,
  supervisionRequest,
  supervisorOptions,
} from './supervision-form';

const form = (overrides: Partial<SupervisionForm> = {}): SupervisionForm => ({
  date: '2026-11-20',
  supervisorId: 'p-sup',
  actions: '',
  ...overrides,
});

const practitioner = (overrides: Partial<PractitionerLoad> = {}): PractitionerLoad => ({
  id: 'p-1',
  name: 'Lee Worker',
  role: 'link_worker',
  active: true,
  homeEnvironmentTrained: false,
  load: { openCases: 3, caseloadCapacity: 40, load: 0.075, overCapacity: false },
  supervision: { dueAt: '2026-12-01T00:00:00.000Z', overdue: false },
  ...overrides,
});

describe(hubToday.name, () => {
  it('is the calendar day in London, not in UTC', () => {
    // 23:30 UTC in summer is already the next day in London (BST)
    expect(hubToday(new Date('2026-07-01T23:30:00.000Z'))).toBe('2026-07-02');
    expect(hubToday(new Date('2026-12-01T23:30:00.000Z'))).toBe('2026-12-01');
  });
});

describe(newSupervisionForm.name, () => {
  it('defaults the date to today at the hub and leaves the rest empty', () => {
    expect(newSupervisionForm(new Date('2026-11-22T10:00:00.000Z'))).toEqual({
      date: '2026-11-22',
      supervisorId: '',
      actions: '',
    });
  });
});

describe(supervisionFormErrors.name, () => {
  const today = '2026-11-22';

  it('accepts a session today or earlier with a supervisor', () => {
    expect(supervisionFormErrors(form({ date: today }), 'p-1', today)).toEqual({});
    expect(supervisionFormErrors(form({ date: '2025-01-06' }), 'p-1', today)).toEqual({});
  });

  it('names each field that is missing', () => {
    expect(supervisionFormErrors(form({ date: '', supervisorId: '' }), 'p-1', today)).toEqual({
      date: 'Enter the date of the session',
      supervisor: 'Choose the supervisor who held the session',
    });
  });

  it.each([['2026-02-30'], ['22/11/2026'], ['2026-13-01']])('refuses %s as not a real date', (date) => {
    expect(supervisionFormErrors(form({ date }), 'p-1', today).date).toBe(
      'Date of the session must be a real date, like 2026-11-20',
    );
  });

  it('refuses a session in the future', () => {
    expect(supervisionFormErrors(form({ date: '2026-11-23' }), 'p-1', today)).toEqual({
      date: 'Date of the session cannot be in the future',
    });
  });

  it('refuses the practitioner as their own supervisor', () => {
    expect(supervisionFormErrors(form({ supervisorId: 'p-1' }), 'p-1', today)).toEqual({
      supervisor: 'Supervisor must be someone other than the practitioner',
    });
  });

  it('holds actions to the route’s limits: 50 lines of up to 2000 characters', () => {
    const lines = (n: number, length = 10) => Array.from({ length: n }, () => 'a'.repeat(length)).join('\n');
    expect(supervisionFormErrors(form({ actions: lines(50, 2000) }), 'p-1', today)).toEqual({});
    expect(supervisionFormErrors(form({ actions: lines(51) }), 'p-1', today)).toEqual({
      actions: 'Actions agreed: list at most 50, one a line',
    });
    expect(supervisionFormErrors(form({ actions: lines(1, 2001) }), 'p-1', today)).toEqual({
      actions: 'Actions agreed: keep each to 2000 characters',
    });
  });
});

describe(supervisionRequest.name, () => {
  it('dates the session at the start of its day and sends actions one a line, blanks left out', () => {
    expect(supervisionRequest(form({ actions: '  Review the Byron case \n\n Book training\n' }))).toEqual({
      supervisorId: 'p-sup',
      at: '2026-11-20T00:00:00.000Z',
      casesDiscussed: [],
      actions: ['Review the Byron case', 'Book training'],
    });
  });
});

describe(supervisionApiErrors.name, () => {
  it('puts the API’s field errors beside the form’s fields', () => {
    expect(
      supervisionApiErrors(
        { at: 'at must be a valid ISO 8601 date string', supervisorId: 'supervisorId must be a UUID' },
        'Validation failed',
      ),
    ).toEqual({
      date: 'Date of the session: at must be a valid ISO 8601 date string',
      supervisor: 'Supervisor: supervisorId must be a UUID',
    });
  });

  it('keeps an answer naming no field for above the form', () => {
    expect(supervisionApiErrors({}, 'Practitioner not found')).toEqual({ form: 'Practitioner not found' });
  });
});

describe(supervisorOptions.name, () => {
  it('offers other active practitioners, supervisors first, then by name', () => {
    const options = supervisorOptions(
      [
        practitioner({ id: 'p-1', name: 'Lee Worker' }),
        practitioner({ id: 'p-2', name: 'Zara Link' }),
        practitioner({ id: 'p-3', name: 'Amir Gone', active: false }),
        practitioner({ id: 'p-4', name: 'Sam Lead', role: 'supervisor' }),
        practitioner({ id: 'p-5', name: 'Bea Link' }),
      ],
      'p-1',
    );
    expect(options).toEqual([
      { value: 'p-4', label: 'Sam Lead (supervisor)' },
      { value: 'p-5', label: 'Bea Link (link worker)' },
      { value: 'p-2', label: 'Zara Link (link worker)' },
    ]);
  });
});

describe(supervisionDueText.name, () => {
  it('shows the date whether due or overdue', () => {
    expect(supervisionDueText({ dueAt: '2026-12-20T00:00:00.000Z', overdue: false })).toBe('Due 20 Dec 2026');
    expect(supervisionDueText({ dueAt: '2025-02-03T00:00:00.000Z', overdue: true })).toBe(
      'Overdue since 3 Feb 2025',
    );
  });
});
