import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ConfigService } from '@nestjs/config';
import { JwtModule } from '@nestjs/jwt';
import type { AuthConfig } from '@linkway/config';
import { AccountsModule } from '../accounts/accounts.module';
import { RateLimitGuard } from '../http/rate-limit.guard';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { IDENTITY_PROVIDER } from './identity-provider';
import { JwtAuthGuard } from './jwt-auth.guard';
import { LocalIdentityProvider } from './local-identity.provider';
import { RolesGuard } from './roles.guard';
import { jwtOptions } from './token.service';
import { TokenService } from './token.service';

/**
 * Guards run in this order for every route: rate limit (before any password or token work),
 * authentication (default on; @Public() opts out), then roles.
 */
@Module({
  // key, issuer, lifetime and algorithm come from the validated auth config (jwtOptions)
  imports: [
    JwtModule.registerAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService) => jwtOptions(config.getOrThrow<AuthConfig>('auth')),
    }),
    AccountsModule,
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    TokenService,
    { provide: IDENTITY_PROVIDER, useClass: LocalIdentityProvider },
    { provide: APP_GUARD, useClass: RateLimitGuard },
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
  exports: [TokenService],
})
export class AuthModule {}
