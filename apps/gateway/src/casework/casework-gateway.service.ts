import { Injectable } from '@nestjs/common';
import type { CaseworkActorV1, RequestOf, RequestSubject, ResponseOf } from '@linkway/contracts';
import { RequestClient } from '@linkway/messaging';
import { AccountsService } from '../accounts/accounts.service';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';

/** Subjects whose request carries the casework actor. */
type ActorSubject = {
  [S in RequestSubject]: RequestOf<S> extends { actor: CaseworkActorV1 } ? S : never;
}[RequestSubject];

/**
 * The gateway's side of casework: asks the casework service over NATS with the verified caller
 * as actor (role and ownership are checked there as well as by @Roles here), and audits.
 * A partner account's organisation comes from its account row, never from the request.
 */
@Injectable()
export class CaseworkGatewayService {
  constructor(
    private readonly requests: RequestClient,
    private readonly accounts: AccountsService,
    private readonly audit: AuditService,
  ) {}

  async actor(principal: Principal): Promise<CaseworkActorV1> {
    const actor: CaseworkActorV1 = { accountId: principal.accountId, role: principal.role };
    if (principal.role === 'partner') {
      actor.partnerOrganisationId = (
        await this.accounts.get(principal.hubId, principal.accountId)
      ).partnerOrganisationId;
    }
    return actor;
  }

  async call<S extends ActorSubject>(
    subject: S,
    principal: Principal,
    payload: Omit<RequestOf<S>, 'actor'>,
  ): Promise<ResponseOf<S>> {
    const actor = await this.actor(principal);
    return this.requests.request(subject, { ...payload, actor } as unknown as RequestOf<S>);
  }

  /** For person-level answers that are not one record by route id (lists, creations). */
  record(principal: Principal, action: string, entity: string, entityId: string | null, requestId: string) {
    return this.audit.record({
      actor: principal.accountId,
      role: principal.role,
      hub: principal.hubId,
      action,
      entity,
      entityId: entityId ?? undefined,
      purpose: 'direct_care',
      requestId,
    });
  }
}
