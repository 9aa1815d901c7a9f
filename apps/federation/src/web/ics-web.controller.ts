import { Controller, Get, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.guard';
import { IcsAccount } from '../auth/ics-account.entity';
import { ICS_HUB_CLAIM } from '../auth/roles';
import { UnauthenticatedError } from '../errors/errors';

export class IcsInfoDto {
  @ApiProperty({ example: 'ics' }) hubId!: string;
  @ApiProperty({ example: 'ICS federation' }) hubName!: string;
}

export class IcsMeDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'ics' }) hubId!: string;
  @ApiProperty() email!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ['ics_analyst', 'admin'] }) role!: string;
}

/**
 * What the web UI asks before and right after sign-in, in the gateway's shapes, so the same
 * build signs in here: `GET /api/v1/hub` (public: the name the sign-in page shows) and
 * `GET /api/v1/auth/me` (the signed-in ICS account).
 */
@ApiTags('web')
@Controller()
export class IcsWebController {
  constructor(private readonly dataSource: DataSource) {}

  @Public()
  @Get('hub')
  @ApiOkResponse({ type: IcsInfoDto })
  info(): IcsInfoDto {
    return { hubId: ICS_HUB_CLAIM, hubName: 'ICS federation' };
  }

  @ApiBearerAuth()
  @Get('auth/me')
  @ApiOkResponse({ type: IcsMeDto })
  async me(@Req() request: FastifyRequest & { principal?: { accountId: string } }): Promise<IcsMeDto> {
    const account = request.principal
      ? await this.dataSource.getRepository(IcsAccount).findOneBy({ id: request.principal.accountId })
      : null;
    if (!account) throw new UnauthenticatedError('Sign in to the federation with an ICS account');
    return {
      id: account.id,
      hubId: ICS_HUB_CLAIM,
      email: account.email,
      displayName: account.displayName,
      role: account.role,
    };
  }
}
