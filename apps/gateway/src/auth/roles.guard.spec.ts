import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenError } from '@linkway/util';
import { UnauthenticatedError } from '../errors/gateway-errors';
import { Roles } from './decorators';
import type { Principal } from './principal';
import { RolesGuard } from './roles.guard';

class Fixture {
  @Roles('admin', 'hub_manager')
  managersOnly() {
    return undefined;
  }

  open() {
    return undefined;
  }
}

@Roles('admin')
class AdminController {
  @Roles('link_worker')
  forWorkers() {
    return undefined;
  }

  inherited() {
    return undefined;
  }
}

function contextFor(controller: new () => object, handler: string, principal?: Principal): ExecutionContext {
  const request = { principal };
  return {
    getType: () => 'http',
    getClass: () => controller,
    getHandler: () => (controller.prototype as Record<string, () => void>)[handler],
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

const as = (role: Principal['role']): Principal => ({ accountId: 'a1', role, hubId: 'hub1' });

describe(RolesGuard.name, () => {
  const sut = new RolesGuard(new Reflector());

  it('admits any signed-in role when the route names none', () => {
    expect(sut.canActivate(contextFor(Fixture, 'open', as('referrer')))).toBe(true);
  });

  it('admits a listed role', () => {
    expect(sut.canActivate(contextFor(Fixture, 'managersOnly', as('hub_manager')))).toBe(true);
  });

  it('refuses other roles with a ForbiddenError naming the roles needed', () => {
    expect(() => sut.canActivate(contextFor(Fixture, 'managersOnly', as('partner')))).toThrow(
      new ForbiddenError('This needs one of the roles: admin, hub_manager'),
    );
  });

  it('refuses an unauthenticated request on a role-restricted route', () => {
    expect(() => sut.canActivate(contextFor(Fixture, 'managersOnly'))).toThrow(UnauthenticatedError);
  });

  it("lets a handler's roles override its controller's", () => {
    expect(sut.canActivate(contextFor(AdminController, 'forWorkers', as('link_worker')))).toBe(true);
    expect(() => sut.canActivate(contextFor(AdminController, 'inherited', as('link_worker')))).toThrow(
      ForbiddenError,
    );
    expect(sut.canActivate(contextFor(AdminController, 'inherited', as('admin')))).toBe(true);
  });
});
