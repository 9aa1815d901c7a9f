import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, ValidateNested } from 'class-validator';
import { ValidationFailedError } from '@linkway/util';
import { validRequest } from './valid-request';

class Goal {
  @IsString()
  text!: string;
}

class PlanRequest {
  @IsInt()
  @Max(10)
  score!: number;

  @ValidateNested({ each: true })
  @Type(() => Goal)
  goals!: Goal[];
}

const failure = (payload: unknown, opts = {}) => {
  try {
    validRequest(PlanRequest, payload, opts);
  } catch (error) {
    return error as ValidationFailedError;
  }
  throw new Error('expected a validation failure');
};

describe(validRequest.name, () => {
  it('returns an instance of the contract class, dropping unknown properties', () => {
    const sut = validRequest(PlanRequest, { score: 3, goals: [{ text: 'walk' }], extra: 1 });
    expect(sut).toBeInstanceOf(PlanRequest);
    expect(sut).toEqual(
      Object.assign(new PlanRequest(), { score: 3, goals: [Object.assign(new Goal(), { text: 'walk' })] }),
    );
  });

  it('names each bad field by its path, nested ones too', () => {
    const error = failure({ score: 11, goals: [{ text: 5 }] });
    expect(error).toBeInstanceOf(ValidationFailedError);
    expect(error.details).toEqual([
      { field: 'score', reason: 'score must not be greater than 10' },
      { field: 'goals.0.text', reason: 'text must be a string' },
    ]);
  });

  it('refuses unknown properties when asked to', () => {
    expect(failure({ score: 1, goals: [], hubId: 'hub2' }, { forbidUnknown: true }).details).toEqual([
      { field: 'hubId', reason: 'property hubId should not exist' },
    ]);
  });
});
