import type { ExecutionContext } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { AuthConfig } from '@linkway/config';
import type { AccountsService } from '../accounts/accounts.service';
import { UnauthenticatedError } from '../errors/gateway-errors';
import { Public } from './decorators';
import { JwtAuthGuard } from './jwt-auth.guard';
import type { Principal } from './principal';
import { jwtOptions, TokenService } from './token.service';

class Routes {
  @Public()
  open() {
    return undefined;
  }

  closed() {
    return undefined;
  }
}

const config = new ConfigService({
  hub: { HUB_ID: 'hub1' },
  auth: { JWT_SECRET: 'x'.repeat(40), JWT_TTL_SECONDS: 600, JWT_ISSUER: 'linkway' },
});

function contextFor(handler: keyof Routes, authorization?: string) {
  const request: { headers: Record<string, string>; principal?: Principal } = {
    headers: authorization ? { authorization } : {},
  };
  const context = {
    getType: () => 'http',
    getClass: () => Routes,
    getHandler: () => Routes.prototype[handler],
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
  return { context, request };
}

describe(JwtAuthGuard.name, () => {
  const tokens = new TokenService(new JwtService(jwtOptions(config.getOrThrow<AuthConfig>('auth'))), config);
  const isActive = jest.fn<Promise<boolean>, [string, string, string]>();
  const sut = new JwtAuthGuard(new Reflector(), tokens, { isActive } as unknown as AccountsService, config);

  beforeEach(() => isActive.mockReset().mockResolvedValue(true));

  const tokenFor = async (hubId: string, role: Principal['role'] = 'link_worker') =>
    (await tokens.issue({ accountId: 'acc-1', hubId, role })).accessToken;
  /**
   * A token signed outside the TokenService: this hub's secret and issuer and a 10-minute
   * expiry unless told otherwise (so each refusal below has only the reason it names).
   */
  const signed = (
    claims: Record<string, unknown>,
    options: { secret?: string; issuer?: string; forever?: boolean } = {},
  ) => {
    const { forever, ...key } = options;
    return new JwtService().signAsync(claims, {
      secret: 'x'.repeat(40),
      issuer: 'linkway',
      ...(forever ? {} : { expiresIn: 600 }),
      ...key,
    });
  };
  const guard = (token: string) => sut.canActivate(contextFor('closed', `Bearer ${token}`).context);
  const INVALID = 'Invalid or expired token';

  it('lets @Public() routes through without a token', async () => {
    await expect(sut.canActivate(contextFor('open').context)).resolves.toBe(true);
  });

  it('attaches the principal of a valid token for this hub', async () => {
    const { context, request } = contextFor('closed', `Bearer ${await tokenFor('hub1')}`);
    await expect(sut.canActivate(context)).resolves.toBe(true);
    expect(request.principal).toEqual({ accountId: 'acc-1', role: 'link_worker', hubId: 'hub1' });
    expect(isActive).toHaveBeenCalledWith('hub1', 'acc-1', 'link_worker');
  });

  it('refuses a missing or malformed Authorization header', async () => {
    await expect(sut.canActivate(contextFor('closed').context)).rejects.toThrow(UnauthenticatedError);
    await expect(sut.canActivate(contextFor('closed', 'Basic dXNlcjpwdw==').context)).rejects.toThrow(
      UnauthenticatedError,
    );
  });

  it('refuses a token for another hub, before looking up the account', async () => {
    const { context } = contextFor('closed', `Bearer ${await tokenFor('hub2')}`);
    await expect(sut.canActivate(context)).rejects.toThrow('This token is for another hub; sign in to hub1');
    expect(isActive).not.toHaveBeenCalled();
  });

  it('refuses a token signed with another secret or issuer', async () => {
    const admin = { sub: 'acc-1', hub: 'hub1', role: 'admin' };
    await expect(guard(await signed(admin, { secret: 'y'.repeat(40) }))).rejects.toThrow(INVALID);
    await expect(guard(await signed(admin, { issuer: 'evil' }))).rejects.toThrow(INVALID);
  });

  it('refuses a token with an unknown role', async () => {
    await expect(guard(await signed({ sub: 'acc-1', hub: 'hub1', role: 'root' }))).rejects.toThrow(INVALID);
  });

  it('refuses a token once it expires, though it was good before', async () => {
    const token = await tokenFor('hub1');
    await expect(guard(token)).resolves.toBe(true);
    const later = jest.spyOn(Date, 'now').mockReturnValue(Date.now() + 601_000);
    try {
      await expect(guard(token)).rejects.toThrow(INVALID);
    } finally {
      later.mockRestore();
    }
  });

  it('verifies a changed token afresh, though the original was good', async () => {
    const token = await tokenFor('hub1', 'hub_manager');
    await expect(guard(token)).resolves.toBe(true);
    const [header, , signature] = token.split('.');
    const claims = Buffer.from(JSON.stringify({ sub: 'acc-1', hub: 'hub1', role: 'admin' })).toString(
      'base64url',
    );
    await expect(guard(`${header}.${claims}.${signature}`)).rejects.toThrow(INVALID);
  });

  it('refuses a token without an expiry', async () => {
    const forever = await signed({ sub: 'acc-1', hub: 'hub1', role: 'admin' }, { forever: true });
    await expect(guard(forever)).rejects.toThrow(INVALID);
    // the same token with an expiry is good: the expiry alone decided
    await expect(guard(await signed({ sub: 'acc-1', hub: 'hub1', role: 'admin' }))).resolves.toBe(true);
  });

  it('refuses the token of a disabled account', async () => {
    isActive.mockResolvedValue(false);
    const { context } = contextFor('closed', `Bearer ${await tokenFor('hub1')}`);
    await expect(sut.canActivate(context)).rejects.toThrow(UnauthenticatedError);
  });
});
