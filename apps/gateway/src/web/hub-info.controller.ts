import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { hubConfig, type HubConfig } from '@linkway/config';
import { Public } from '../auth/decorators';

export class HubInfoDto {
  @ApiProperty({ example: 'hub1' }) hubId!: string;
  @ApiProperty({ example: 'Demo hub 1' }) hubName!: string;
}

/**
 * Which hub this gateway serves, for the sign-in page ("you are signing in to …") before there
 * is a token. Names only: nothing here is personal or secret.
 */
@ApiTags('hub')
@Controller('hub')
export class HubInfoController {
  constructor(@Inject(hubConfig.KEY) private readonly hub: HubConfig) {}

  @Public()
  @SkipThrottle()
  @Get()
  @ApiOkResponse({ type: HubInfoDto })
  info(): HubInfoDto {
    return { hubId: this.hub.HUB_ID, hubName: this.hub.HUB_NAME };
  }
}
