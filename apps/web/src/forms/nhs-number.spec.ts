import { nhsNumberMessage } from './nhs-number';

describe('nhsNumberMessage', () => {
  it('accepts a valid number however it is spaced', () => {
    expect(nhsNumberMessage('943 476 5919')).toBeUndefined();
    expect(nhsNumberMessage('9434765919')).toBeUndefined();
  });

  it('leaves an empty field to the required-field message', () => {
    expect(nhsNumberMessage('  ')).toBeUndefined();
  });

  it('explains a mistyped digit and a wrong length with the domain rule’s reasons', () => {
    expect(nhsNumberMessage('943 476 5918')).toMatch(/^NHS number fails the NHS number check digit/);
    expect(nhsNumberMessage('94347659')).toBe('NHS number must be 10 digits');
  });
});
