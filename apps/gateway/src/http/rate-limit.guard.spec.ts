import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ThrottlerGuard, type ThrottlerStorage } from '@nestjs/throttler';
import { RateLimitGuard } from './rate-limit.guard';

class ReferralsController {
  create() {
    return 'create';
  }
  list() {
    return 'list';
  }
}

const contextOf = (handler: () => void) =>
  ({ getClass: () => ReferralsController, getHandler: () => handler }) as unknown as ExecutionContext;

type KeyMaker = { generateKey(context: ExecutionContext, suffix: string, name: string): string };

describe(RateLimitGuard.name, () => {
  const make = <G extends ThrottlerGuard>(Guard: new (...args: never[]) => G) =>
    new (Guard as unknown as new (o: unknown, s: ThrottlerStorage, r: Reflector) => G)(
      { throttlers: [{ limit: 1, ttl: 1 }] },
      {} as ThrottlerStorage,
      new Reflector(),
    ) as unknown as KeyMaker;

  it("gives ThrottlerGuard's own keys, hashing each route, throttler and client once", () => {
    const plain = make(ThrottlerGuard);
    const guard = make(RateLimitGuard);
    const hash = jest.spyOn(ThrottlerGuard.prototype as unknown as KeyMaker, 'generateKey');
    const create = contextOf(ReferralsController.prototype.create);
    const list = contextOf(ReferralsController.prototype.list);
    const keys = [
      guard.generateKey(create, '10.0.0.1', 'default'),
      guard.generateKey(create, '10.0.0.1', 'default'),
      guard.generateKey(create, '10.0.0.2', 'default'),
      guard.generateKey(list, '10.0.0.1', 'default'),
    ];
    expect(hash).toHaveBeenCalledTimes(3);
    hash.mockRestore();
    expect(keys).toEqual([
      plain.generateKey(create, '10.0.0.1', 'default'),
      plain.generateKey(create, '10.0.0.1', 'default'),
      plain.generateKey(create, '10.0.0.2', 'default'),
      plain.generateKey(list, '10.0.0.1', 'default'),
    ]);
    expect(new Set(keys).size).toBe(3);
  });
});
