import { integerRangeError, movementOf } from './validated';

describe(movementOf.name, () => {
  it('reads a rise as improved when higher is better and as worse when lower is better', () => {
    expect(movementOf(2, 'higher_is_better')).toBe('improved');
    expect(movementOf(2, 'lower_is_better')).toBe('worse');
    expect(movementOf(-1, 'lower_is_better')).toBe('improved');
    expect(movementOf(0, 'lower_is_better')).toBe('same');
  });
});

describe(integerRangeError.name, () => {
  it('names the field and the allowed range', () => {
    expect(integerRangeError('x', 'Item X', 11, 0, 10)).toEqual({
      field: 'x',
      reason: 'Item X must be a whole number from 0 to 10; got 11',
    });
  });

  it.each([[2.5], ['3'], [Number.NaN], [-1]])('rejects %p', (value) => {
    expect(integerRangeError('x', 'X', value, 0, 10)).toBeDefined();
  });

  it.each([[undefined], [null], ['']])('reports %p as missing', (value) => {
    expect(integerRangeError('x', 'X', value, 0, 10)?.reason).toBe(
      'X is missing; answer with a whole number from 0 to 10',
    );
  });

  it('accepts both ends of the range', () => {
    expect(integerRangeError('x', 'X', 0, 0, 10)).toBeUndefined();
    expect(integerRangeError('x', 'X', 10, 0, 10)).toBeUndefined();
  });
});
