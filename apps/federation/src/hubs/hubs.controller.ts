import { Body, Controller, Get, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { HUB_ARCHETYPES, HUB_ID_PATTERN, INTEGRATION_MODELS } from '@linkway/contracts';
import { AdminOnly } from '../auth/auth.guard';
import { HubsService } from './hubs.service';

export class RegisterHubDto {
  @ApiProperty({ example: 'hub4', pattern: HUB_ID_PATTERN.source, description: "the hub's JetStream domain" })
  @Matches(HUB_ID_PATTERN)
  id!: string;

  @ApiProperty({ example: 'Eastgate Wellbeing Connect' })
  @IsString()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: HUB_ARCHETYPES })
  @IsIn(HUB_ARCHETYPES)
  archetype!: string;

  @ApiProperty({ enum: INTEGRATION_MODELS })
  @IsIn(INTEGRATION_MODELS)
  integrationModel!: string;

  @ApiProperty({ example: 48000 })
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  population!: number;
}

export class HubDto {
  @ApiProperty() hubId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() archetype!: string;
  @ApiProperty() integrationModel!: string;
  @ApiProperty() population!: number;
  @ApiProperty({ nullable: true, type: String }) lastSnapshotAt!: string | null;
  @ApiProperty({ description: 'newest snapshot older than FEDERATION_STALE_AFTER_HOURS, or none yet' })
  stale!: boolean;
}

@ApiTags('hubs')
@ApiBearerAuth()
@Controller('hubs')
export class HubsController {
  constructor(private readonly hubs: HubsService) {}

  @Get()
  @ApiOkResponse({ type: [HubDto] })
  list(): Promise<HubDto[]> {
    return this.hubs.list();
  }

  @Get('stale')
  @ApiOkResponse({ type: [HubDto] })
  async stale(): Promise<HubDto[]> {
    return (await this.hubs.list()).filter((h) => h.stale);
  }

  /** Registers (or updates) a hub and adds its FEDERATION_OUT to FEDERATION_IN's sources. */
  @Post()
  @AdminOnly()
  @ApiOkResponse({ type: HubDto })
  async register(
    @Body() body: RegisterHubDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<HubDto> {
    const { created } = await this.hubs.register(body);
    void reply.status(created ? 201 : 200);
    return (await this.hubs.list()).find((h) => h.hubId === body.id) as HubDto;
  }
}
