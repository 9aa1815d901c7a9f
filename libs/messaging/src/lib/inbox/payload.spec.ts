import 'reflect-metadata';
import { IsString, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { decodePayload, UnprocessableMessageError } from './payload';

class Address {
  @IsString()
  postcode!: string;
}

class Referral {
  @IsString()
  id!: string;

  @ValidateNested()
  @Type(() => Address)
  address!: Address;
}

const bytes = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v));

describe(decodePayload.name, () => {
  it('returns a validated instance of the payload class', async () => {
    const sut = await decodePayload(bytes({ id: 'r1', address: { postcode: 'LS1 1AA' } }), Referral);
    expect(sut).toBeInstanceOf(Referral);
    expect(sut.address).toBeInstanceOf(Address);
  });

  it('names every invalid field, nested ones by path', async () => {
    await expect(decodePayload(bytes({ id: 1, address: { postcode: 2 } }), Referral)).rejects.toThrow(
      'payload failed Referral validation: id: id must be a string; address.postcode: postcode must be a string',
    );
  });

  it('rejects what is not JSON, or not an object when a class is expected', async () => {
    await expect(decodePayload(bytes('{nope'), Referral)).rejects.toBeInstanceOf(UnprocessableMessageError);
    await expect(decodePayload(bytes([1, 2]), Referral)).rejects.toThrow('must be a JSON object');
  });

  it('passes plain JSON through when no class is given', async () => {
    await expect(decodePayload(bytes([1, 2]))).resolves.toEqual([1, 2]);
  });
});
