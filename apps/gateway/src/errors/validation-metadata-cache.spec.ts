import { IsInt, IsString, Min, MinLength, validateSync } from 'class-validator';
import { cacheValidationMetadata } from './validation-metadata-cache';

const failed = (value: object, groups?: string[]) =>
  validateSync(value, { groups, forbidUnknownValues: false }).flatMap((e) => Object.keys(e.constraints ?? {}));

describe(cacheValidationMetadata.name, () => {
  beforeAll(() => cacheValidationMetadata());

  class Base {
    @IsString()
    name: unknown = 1;
  }
  class Child extends Base {
    @IsInt()
    @Min(1, { groups: ['strict'] })
    count: unknown = 0;
  }

  it('answers repeated validations of a class and its subclass as without the cache', () => {
    for (let i = 0; i < 3; i += 1) {
      expect(failed(new Base())).toEqual(['isString']);
      expect(failed(Object.assign(new Child(), { name: 'n', count: 1.5 }))).toEqual(['isInt']);
      expect(failed(new Child()).sort()).toEqual(['isString', 'min']);
    }
  });

  it('keeps groups apart', () => {
    expect(failed(new Child(), ['strict'])).toEqual(['min']);
    expect(failed(new Child()).sort()).toEqual(['isString', 'min']);
  });

  it('sees a rule registered after the first validation', () => {
    class Late {
      label: unknown = 'ab';
    }
    expect(failed(new Late())).toEqual([]);
    MinLength(3)(Late.prototype, 'label');
    expect(failed(new Late())).toEqual(['minLength']);
  });
});
