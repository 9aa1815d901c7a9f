import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  CASEWORK_PATHWAY_METRICS_V1,
  CASEWORK_PRACTITIONER_LIST_V1,
  CASEWORK_PRACTITIONER_PAIR_V1,
  CASEWORK_PRACTITIONER_SAVE_V1,
  CASEWORK_PRACTITIONER_TRAINING_V1,
  CASEWORK_SCHEME_LIST_V1,
  CASEWORK_SUPERVISION_RECORD_V1,
} from '@linkway/contracts';
import { Audited } from '../../audit/audited';
import { CurrentPrincipal, Roles } from '../../auth/decorators';
import type { Principal } from '../../auth/principal';
import { ApiErrors } from '../../errors/error-body.dto';
import { uuidParam } from '../../referrals/referrals.controller';
import { CaseworkGatewayService } from '../casework-gateway.service';
import { PairingRequest, PractitionerRequest, SupervisionRequest, TrainingRequest } from '../dto';

const STAFF = { entity: 'practitioner', idParam: 'id', purpose: 'workforce_management' } as const;

/** Workforce for the hub manager: practitioners, caseload load, training, supervision, pairing; pathway metrics. */
@ApiTags('casework')
@ApiErrors()
@ApiBearerAuth()
@Controller('casework')
export class PractitionersController {
  constructor(private readonly casework: CaseworkGatewayService) {}

  /** Caseload load per practitioner with an over-capacity warning, supervision due/overdue, training. */
  @Get('practitioners')
  @Roles('hub_manager', 'admin')
  list(@CurrentPrincipal() principal: Principal) {
    return this.casework.call(CASEWORK_PRACTITIONER_LIST_V1, principal, {});
  }

  @Post('practitioners')
  @Roles('hub_manager', 'admin')
  create(@Body() body: PractitionerRequest, @CurrentPrincipal() principal: Principal) {
    return this.casework.call(CASEWORK_PRACTITIONER_SAVE_V1, principal, body);
  }

  @Put('practitioners/:id')
  @Roles('hub_manager', 'admin')
  @Audited({ action: 'practitioner.update', ...STAFF })
  update(
    @Param('id', uuidParam) id: string,
    @Body() body: PractitionerRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.casework.call(CASEWORK_PRACTITIONER_SAVE_V1, principal, { id, ...body });
  }

  @Post('practitioners/:id/training')
  @Roles('hub_manager', 'admin')
  @Audited({ action: 'practitioner.training.add', ...STAFF })
  training(
    @Param('id', uuidParam) id: string,
    @Body() body: TrainingRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.casework.call(CASEWORK_PRACTITIONER_TRAINING_V1, principal, { practitionerId: id, ...body });
  }

  @Post('practitioners/:id/pairing')
  @HttpCode(200)
  @Roles('hub_manager', 'admin')
  @Audited({ action: 'practitioner.pair', ...STAFF })
  pair(
    @Param('id', uuidParam) id: string,
    @Body() body: PairingRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.casework.call(CASEWORK_PRACTITIONER_PAIR_V1, principal, { practitionerId: id, ...body });
  }

  @Post('practitioners/:id/supervision-sessions')
  @Roles('hub_manager', 'admin')
  @Audited({ action: 'practitioner.supervision.record', ...STAFF })
  supervision(
    @Param('id', uuidParam) id: string,
    @Body() body: SupervisionRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.casework.call(CASEWORK_SUPERVISION_RECORD_V1, principal, { practitionerId: id, ...body });
  }

  /** Home-environment pathway metrics: conversion, drop-off per step and hand-off, median days; by model and training. */
  @Get('pathway-metrics')
  @Roles('hub_manager', 'admin')
  metrics(@CurrentPrincipal() principal: Principal) {
    return this.casework.call(CASEWORK_PATHWAY_METRICS_V1, principal, {});
  }

  /** The hub's home-environment schemes with eligibility notes. */
  @Get('schemes')
  @Roles('link_worker', 'hub_manager', 'admin', 'partner')
  schemes(@CurrentPrincipal() principal: Principal) {
    return this.casework.call(CASEWORK_SCHEME_LIST_V1, principal, {});
  }
}
