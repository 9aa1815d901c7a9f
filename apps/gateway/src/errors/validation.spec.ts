import { ArgumentMetadata } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsEmail, IsInt, Min, ValidateNested } from 'class-validator';
import { ValidationFailedError } from '@linkway/util';
import { createValidationPipe } from './validation';

class Address {
  @IsInt()
  @Min(1)
  number!: number;
}

class Body {
  @IsEmail()
  email!: string;

  @ValidateNested()
  @Type(() => Address)
  address!: Address;
}

describe(createValidationPipe.name, () => {
  const sut = createValidationPipe();
  const metadata: ArgumentMetadata = { type: 'body', metatype: Body };

  it('names every broken field, nested ones by their dotted path, and refuses unknown fields', async () => {
    const error = await sut
      .transform({ email: 'nope', address: { number: 0 }, admin: true }, metadata)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationFailedError);
    expect((error as ValidationFailedError).details).toEqual([
      { field: 'admin', reason: 'property admin should not exist' },
      { field: 'email', reason: 'email must be an email' },
      { field: 'address.number', reason: 'number must not be less than 1' },
    ]);
  });

  it('passes a valid body through, transformed to its class', async () => {
    const value = await sut.transform({ email: 'a@b.org', address: { number: 3 } }, metadata);
    expect(value).toBeInstanceOf(Body);
  });
});
