import { ValidationFailedError } from '@linkway/util';
import { accessKeyOf, visibleCases } from './case-access';

const kase = (id: string, practitioner_id: string | null) => ({ id, practitioner_id });

describe('case access', () => {
  describe(visibleCases.name, () => {
    const cases = [kase('c1', 'p-a'), kase('c2', 'p-b'), kase('c3', null)];

    it('gives hub managers and admins every case', () => {
      expect(visibleCases({ role: 'hub_manager' }, null, cases)).toEqual({
        allCases: true,
        caseIds: ['c1', 'c2', 'c3'],
      });
      expect(visibleCases({ role: 'admin' }, null, []).allCases).toBe(true);
    });

    it('gives a link worker only the cases allocated to their practitioner record', () => {
      expect(visibleCases({ role: 'link_worker' }, 'p-b', cases)).toEqual({ allCases: false, caseIds: ['c2'] });
    });

    it('gives a link worker without a practitioner record nothing, not the unallocated cases', () => {
      expect(visibleCases({ role: 'link_worker' }, null, cases)).toEqual({ allCases: false, caseIds: [] });
    });
  });

  describe(accessKeyOf.name, () => {
    it('takes the one id given', () => {
      expect(accessKeyOf({ personId: 'x' })).toEqual({ key: 'personId', id: 'x' });
    });

    it('refuses none or several, naming the fields', () => {
      expect(() => accessKeyOf({})).toThrow(ValidationFailedError);
      try {
        accessKeyOf({ caseId: 'a', referralId: 'b' });
        throw new Error('expected a refusal');
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationFailedError);
        expect((error as ValidationFailedError).details.map((d) => d.field)).toEqual(['caseId', 'referralId']);
      }
    });
  });
});
