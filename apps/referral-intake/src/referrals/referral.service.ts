import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createHash } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { HubConfig, NatsConfig } from '@linkway/config';
import {
  type CreateReferralV1,
  type EventSubject,
  type GetReferralV1,
  INTAKE_HANDOFF_REQUESTED_V1,
  INTAKE_HANDOFF_UPDATED_V1,
  INTAKE_REFERRAL_ACCEPTED_V1,
  INTAKE_REFERRAL_AWAITING_INFO_V1,
  INTAKE_REFERRAL_DECLINED_V1,
  INTAKE_REFERRAL_RECEIVED_V1,
  INTAKE_REFERRAL_SAFEGUARDING_V1,
  INTAKE_REFERRAL_SIGNPOSTED_V1,
  type IntakeActorV1,
  type ListReferralsV1,
  OPEN_REFERRAL_STATUSES,
  type ReferralCreatedV1,
  type ReferralPageV1,
  type ReferralReceivedV1,
  type ReferralStatus,
  type ReferralViewV1,
  type TriageReferralV1,
  type UpdateIntakeHandoffV1,
} from '@linkway/contracts';
import {
  checkReferral,
  type HubProfile,
  INTAKE_QUEUES,
  INTAKE_SNOMED_DECLINED,
  INTAKE_SNOMED_REFERRED,
  routeReferral,
} from '@linkway/domain';
import { enqueueEvent, markOutboxWritten, outboxCommitted } from '@linkway/messaging';
import { ConflictError, ForbiddenError, NotFoundError, uuidv7, ValidationFailedError } from '@linkway/util';
import { HUB_PROFILE } from '@linkway/platform';
import { Batcher } from './batcher';
import { hashOfRequest } from './request-hash';
import { CREATE_MANY_SQL, createManyInput } from './referral-batch';
import { REFERRAL_SELECT, type ReferralRow, toEvent, toView } from './referral-row';

const UNIQUE_VIOLATION = '23505';
/** Errors after which Postgres has certainly rolled the transaction back: unique violation, serialization failure, deadlock. */
const ROLLED_BACK = new Set([UNIQUE_VIOLATION, '40001', '40P01']);
/**
 * Live creates grouped into one transaction: at most this many, and this many transactions at
 * once (one being written while the next fills; with four, groups under load were a few rows).
 */
const GROUP_MAX = 50;
const GROUPS_AT_ONCE = 2;
/**
 * Live creates waiting for a group beyond this are refused (503, nothing saved): about a
 * second of work at the rates bench/intake measures, so a burst is absorbed and an overload
 * is answered at once instead of growing the queue and every caller's wait.
 */
const QUEUED_MAX = 2_000;
const BUSY = 'Referral intake is busy and did not save this referral; try again shortly';

interface Prepared {
  key: string | undefined;
  requestHash: string;
  matchKey: string;
  params: unknown[];
  finish: (row: CreatedRow) => ReferralCreatedV1;
}

interface CreatedRow {
  person_id: string;
  local_id: string | null;
  identity_follow_up: boolean;
  duplicate_of: string | null;
}

/**
 * A referral in ONE statement: upsert the person (DO UPDATE locks the row, so referrals for one
 * person queue here), find their open referral, store the new one as received or as linked to
 * it, record the transition and, unless linked, enqueue its events in the outbox. Two first
 * referrals for one person at once: the partial unique index refuses the second, which is
 * retried and then sees the first (see create()).
 */
const CREATE_SQL = `
  WITH p AS (
    INSERT INTO person (id, match_key, nhs_number, local_id, identity_follow_up)
    VALUES ($1, $2, $3, $4, $5)
    ON CONFLICT (match_key) DO UPDATE SET match_key = EXCLUDED.match_key
    RETURNING id, local_id, identity_follow_up
  ), o AS (
    SELECT r.id FROM referral r JOIN p ON r.person_id = p.id WHERE r.status = ANY($26) ORDER BY r.id LIMIT 1
  ), ins AS (
    INSERT INTO referral (id, person_id, status, channel, queue, referrer_type, referrer_account_id,
      given_name, family_name, date_of_birth, postcode, flags, consent_given_by, consent_method,
      consent_recorded_at, reasons, home_screen, integration_model, safeguarding, note, duplicate_of,
      created_at, updated_at)
    SELECT $6, p.id, CASE WHEN o.id IS NULL THEN $7 ELSE 'linked' END, $8, CASE WHEN o.id IS NULL THEN $9 END,
      $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, o.id, $25, $25
    FROM p LEFT JOIN o ON true
    RETURNING id, status, duplicate_of
  ), t AS (
    INSERT INTO referral_transition (id, referral_id, from_status, to_status, actor_account_id, actor_role, at)
    SELECT $27, ins.id, NULL, ins.status, $11, $28, $25 FROM ins
  ), e AS (
    INSERT INTO outbox (id, subject, payload)
    SELECT ev.id, ev.subject,
      $31::jsonb || jsonb_build_object('personId', p.id, 'identityFollowUp', p.identity_follow_up)
    FROM p, ins, unnest($29::uuid[], $30::text[]) AS ev(id, subject)
    WHERE ins.duplicate_of IS NULL
  )
  SELECT p.id AS person_id, p.local_id, p.identity_follow_up, ins.duplicate_of FROM p, ins`;
/** Roles that work referrals; referrers see their own; nobody else sees any. */
const STAFF_ROLES = ['link_worker', 'hub_manager', 'admin'];
const TRIAGE_ROLES = ['link_worker', 'hub_manager'];
/** States triage may move a referral out of. Accepted referrals belong to casework. */
/** Hand-off statuses each status may move to. */
const HANDOFF_NEXT: Record<string, string[]> = {
  requested: ['acknowledged', 'completed', 'dropped'],
  acknowledged: ['completed', 'dropped'],
};
const TRIAGEABLE: readonly ReferralStatus[] = ['received', 'safeguarding_review', 'awaiting_info'];

const pgCode = (error: unknown) => (error as { code?: string }).code;
const pgConstraint = (error: unknown) => (error as { constraint?: string }).constraint;

/**
 * Referral intake: every channel's referral is checked against the hub profile, linked to an
 * open referral of the same person instead of duplicated, routed, and recorded with its events
 * in one transaction. Commands with an idempotency key answer a repeat with the first answer.
 */
@Injectable()
export class ReferralService {
  private readonly logger = new Logger(ReferralService.name);
  private readonly hubId: string;
  private readonly grouped: Batcher<CreateReferralV1, ReferralCreatedV1>;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(HUB_PROFILE) private readonly profile: HubProfile,
    config: ConfigService,
  ) {
    this.hubId = config.getOrThrow<HubConfig>('hub').HUB_ID;
    // a create that waited in the queue longer than its caller waits for an answer (the gateway
    // has said 504) is dropped unsaved; one whose group has started runs to its end
    const maxWaitMs = config.getOrThrow<NatsConfig>('nats').NATS_REQUEST_TIMEOUT_MS;
    this.grouped = new Batcher((commands) => this.createTogether(commands), GROUP_MAX, GROUPS_AT_ONCE, 0, {
      maxQueued: QUEUED_MAX,
      maxWaitMs,
      busy: BUSY,
    });
  }

  /**
   * A live create (every channel but the import), committed with the creates that arrive
   * while earlier ones are being written: one transaction and one statement for many,
   * instead of a round trip to Postgres each, whose socket writes were half of intake's CPU
   * under load. A lone create waits for nothing. The answers are those of create(), in the
   * order the creates arrived (createMany's rules).
   */
  createGrouped(command: CreateReferralV1): Promise<ReferralCreatedV1> {
    return this.grouped.add(command);
  }

  private async createTogether(commands: CreateReferralV1[]): Promise<Array<ReferralCreatedV1 | Error>> {
    if (commands.length === 1)
      return [await this.create(commands[0]).catch((error: unknown) => error as Error)];
    return this.createMany(commands);
  }

  private logCreated(answer: ReferralCreatedV1, command: CreateReferralV1): void {
    this.logger.log({
      msg: 'referral created',
      referralId: answer.referral.id,
      status: answer.referral.status,
      channel: command.channel,
      linkedTo: answer.duplicateOf ?? undefined,
    });
  }

  async create(command: CreateReferralV1): Promise<ReferralCreatedV1> {
    const key = command.idempotencyKey;
    const requestHash = key ? hashOfRequest(command.channel, command.referral) : '';
    if (key) {
      const prior = await this.replay(key, requestHash);
      if (prior) return prior;
    }
    const prepared = this.prepare(command);
    const attempt = async (): Promise<ReferralCreatedV1> => {
      const { params, finish } = prepared;
      if (!key) {
        // one statement is one transaction: no BEGIN/COMMIT round trips on the hot path
        const [row] = (await this.dataSource.query(CREATE_SQL, params)) as CreatedRow[];
        outboxCommitted(this.dataSource);
        return finish(row);
      }
      return this.dataSource.transaction(async (m) => {
        const [row] = (await m.query(CREATE_SQL, params)) as CreatedRow[];
        markOutboxWritten(m);
        const answer = finish(row);
        await m.query(
          `INSERT INTO idempotency_key (key, request_hash, response) VALUES ($1, $2, $3::jsonb)`,
          [key, requestHash, JSON.stringify(answer)],
        );
        return answer;
      });
    };

    try {
      const answer = await attempt().catch((error: unknown) => {
        // two first referrals for one person raced past the lock-free check: the loser is linked
        if (pgCode(error) === UNIQUE_VIOLATION && pgConstraint(error) === 'referral_one_open_per_person')
          return attempt();
        throw error;
      });
      this.logCreated(answer, command);
      return answer;
    } catch (error) {
      // the same key arrived twice at once: the first committed, so answer with its result
      if (key && pgCode(error) === UNIQUE_VIOLATION && pgConstraint(error) === 'idempotency_key_pkey') {
        const prior = await this.replay(key, requestHash);
        if (prior) return prior;
      }
      throw error;
    }
  }

  /**
   * Many creates (a bulk import) in ONE transaction: same checks, linking and events as
   * create(), one commit and (see insertBatch) one statement per batch instead of per row. Answers per command, in order: the
   * result, or the DomainError of that row. If the batch transaction fails (another writer won a
   * race for a person or key), its rows are redone one by one through create().
   */
  async createMany(commands: CreateReferralV1[]): Promise<Array<ReferralCreatedV1 | Error>> {
    const results: Array<ReferralCreatedV1 | Error | undefined> = new Array(commands.length);
    const keys = commands.map((c) => c.idempotencyKey).filter((k): k is string => Boolean(k));
    const priors = new Map<string, { request_hash: string; response: ReferralCreatedV1 }>();
    if (keys.length) {
      const rows = (await this.dataSource.query(
        `SELECT key, request_hash, response FROM idempotency_key WHERE key = ANY($1)`,
        [keys],
      )) as Array<{ key: string; request_hash: string; response: ReferralCreatedV1 }>;
      for (const row of rows) priors.set(row.key, row);
    }
    const todo: Array<{ index: number; prepared: Prepared }> = [];
    const later: number[] = [];
    const seen = new Set<string>();
    commands.forEach((command, index) => {
      const key = command.idempotencyKey;
      const prior = key ? priors.get(key) : undefined;
      if (key && prior) {
        results[index] =
          prior.request_hash === hashOfRequest(command.channel, command.referral)
            ? { ...prior.response, replayed: true }
            : new ConflictError('This Idempotency-Key was already used for a different referral', [
                { field: 'Idempotency-Key', reason: 'reused with a different request body; use a new key' },
              ]);
        return;
      }
      if (key && seen.has(key)) return void later.push(index); // the same key twice in one batch
      if (key) seen.add(key);
      try {
        todo.push({ index, prepared: this.prepare(command) });
      } catch (error) {
        results[index] = error as Error;
      }
    });
    let committed = false;
    try {
      const answers = await this.writeBatch(todo.map((t) => t.prepared));
      todo.forEach((t, k) => (results[t.index] = answers[k]));
      committed = true;
    } catch (error) {
      // Redone one by one only where that cannot write a row twice: the transaction surely
      // rolled back (a race Postgres refused), or the row has an idempotency key (a redo of a
      // row that did commit answers from its key). A COMMIT whose outcome is unknown (the
      // connection lost) leaves the other rows with the error, as a single create would.
      const rolledBack = ROLLED_BACK.has(pgCode(error) ?? '');
      this.logger.warn({
        msg: rolledBack ? 'batch create fell back to one by one' : 'batch create failed',
        rows: todo.length,
        error: (error as Error).message,
      });
      for (const t of todo) {
        if (rolledBack || t.prepared.key) later.push(t.index);
        else results[t.index] = error as Error;
      }
    }
    if (committed)
      for (const t of todo) this.logCreated(results[t.index] as ReferralCreatedV1, commands[t.index]);
    for (const index of later.sort((x, y) => x - y)) {
      results[index] = await this.create(commands[index]).catch((error: unknown) => error as Error);
    }
    this.logger.debug({ msg: 'referral batch created', rows: commands.length });
    return results as Array<ReferralCreatedV1 | Error>;
  }

  /**
   * A batch's rows and their idempotency keys, committed together. Without keys or a person
   * twice, the batch statement alone is the transaction: no BEGIN and COMMIT round trips on
   * every group of live creates.
   */
  private async writeBatch(batch: Prepared[]): Promise<ReferralCreatedV1[]> {
    if (!batch.length) return [];
    if (isOneStatement(batch)) {
      const answers = await this.insertFirsts(this.dataSource.manager, batch);
      outboxCommitted(this.dataSource);
      return answers;
    }
    return this.dataSource.transaction(async (m) => {
      markOutboxWritten(m);
      const answers = await this.insertBatch(m, batch);
      const keyed = batch
        .map((prepared, k) => ({ prepared, answer: answers[k] }))
        .filter((r) => r.prepared.key);
      if (keyed.length) {
        await m.query(
          `INSERT INTO idempotency_key (key, request_hash, response)
           SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[])`,
          [
            keyed.map((r) => r.prepared.key),
            keyed.map((r) => r.prepared.requestHash),
            keyed.map((r) => JSON.stringify(r.answer)),
          ],
        );
      }
      return answers;
    });
  }

  /**
   * A batch's creates inside its transaction: each person's first referral in one set-based
   * statement, then any later referral for the same person one by one, which links it to the
   * first exactly as creating the rows in order would.
   */
  private async insertBatch(m: EntityManager, batch: Prepared[]): Promise<ReferralCreatedV1[]> {
    const answers: ReferralCreatedV1[] = new Array(batch.length);
    const firsts: number[] = [];
    const repeats: number[] = [];
    const people = new Set<string>();
    batch.forEach((prepared, k) => {
      if (people.has(prepared.matchKey)) return void repeats.push(k);
      people.add(prepared.matchKey);
      firsts.push(k);
    });
    if (firsts.length) {
      const created = await this.insertFirsts(
        m,
        firsts.map((k) => batch[k]),
      );
      firsts.forEach((k, n) => (answers[k] = created[n]));
    }
    for (const k of repeats) {
      const [row] = (await m.query(CREATE_SQL, batch[k].params)) as CreatedRow[];
      answers[k] = batch[k].finish(row);
    }
    return answers;
  }

  /** Creates of different people in one CREATE_MANY_SQL statement; answers in their order. */
  private async insertFirsts(m: EntityManager, batch: Prepared[]): Promise<ReferralCreatedV1[]> {
    const rows = (await m.query(CREATE_MANY_SQL, [
      createManyInput(batch.map((prepared) => prepared.params)),
      OPEN_REFERRAL_STATUSES,
    ])) as Array<CreatedRow & { n: number }>;
    const answers: ReferralCreatedV1[] = new Array(batch.length);
    for (const row of rows) answers[row.n] = batch[row.n].finish(row);
    return answers;
  }

  /** Checks a create and builds its statement parameters; throws ValidationFailedError on a bad referral. */
  private prepare(command: CreateReferralV1): Prepared {
    const key = command.idempotencyKey;
    const requestHash = key ? hashOfRequest(command.channel, command.referral) : '';
    const draft = command.referral;
    if (command.channel === 'self' && draft.referrerType !== 'self') {
      throw new ValidationFailedError('Referral rejected', [
        { field: 'referrerType', reason: 'a self-referral has referrerType self' },
      ]);
    }
    const at = new Date();
    const checked = checkReferral(draft, this.profile, at);
    if (!checked.valid) throw new ValidationFailedError('Referral rejected', checked.errors);
    const c = checked.value;
    const route = routeReferral(this.profile, {
      safeguarding: draft.safeguarding === true,
      homeScreen: c.homeScreen,
    });

    const matchKey = c.nhsNumber
      ? `nhs:${c.nhsNumber}`
      : `local:${sha256(
          [draft.person.familyName, draft.person.givenName, draft.person.dateOfBirth, c.postcode]
            .map((s) => s.trim().toLowerCase())
            .join('|'),
        )}`;
    const status: ReferralStatus = draft.safeguarding ? 'safeguarding_review' : 'received';

    const personId = uuidv7();
    const id = uuidv7(at.getTime());
    const view: ReferralViewV1 = {
      id,
      status,
      channel: command.channel,
      queue: route.queue,
      personId,
      localId: c.nhsNumber ? null : `LW-${personId.replace(/-/g, '').slice(-12).toUpperCase()}`,
      nhsNumber: c.nhsNumber,
      identityFollowUp: c.identityFollowUp,
      person: {
        givenName: draft.person.givenName.trim(),
        familyName: draft.person.familyName.trim(),
        dateOfBirth: draft.person.dateOfBirth,
        postcode: c.postcode,
        flags: c.flags,
      },
      referrerType: c.referrerType,
      referrerAccountId: command.actor.accountId ?? null,
      consent: {
        givenBy: draft.consent.givenBy,
        method: draft.consent.method,
        recordedAt: new Date(draft.consent.recordedAt).toISOString(),
      },
      reasons: c.reasons,
      homeScreen: c.homeScreen,
      integrationModel: this.profile.homeEnvironment.integrationModel,
      safeguarding: draft.safeguarding === true,
      note: draft.note ?? null,
      snomedCodes: [],
      declineReason: null,
      awaitingInfo: null,
      duplicateOf: null,
      handoff: null,
      createdAt: at.toISOString(),
      updatedAt: at.toISOString(),
    };
    // personId and identityFollowUp are the stored person's, filled in by the statement
    const received: ReferralReceivedV1 = toEvent(view, this.hubId);
    const subjects: EventSubject[] = [INTAKE_REFERRAL_RECEIVED_V1];
    if (view.safeguarding) subjects.push(INTAKE_REFERRAL_SAFEGUARDING_V1);
    const params = [
      personId,
      matchKey,
      c.nhsNumber,
      view.localId,
      c.identityFollowUp,
      id,
      status,
      view.channel,
      view.queue,
      view.referrerType,
      view.referrerAccountId,
      view.person.givenName,
      view.person.familyName,
      view.person.dateOfBirth,
      view.person.postcode,
      view.person.flags,
      view.consent.givenBy,
      view.consent.method,
      view.consent.recordedAt,
      view.reasons,
      view.homeScreen,
      view.integrationModel,
      view.safeguarding,
      view.note,
      at,
      OPEN_REFERRAL_STATUSES,
      uuidv7(),
      command.actor.role,
      subjects.map(() => uuidv7()),
      subjects,
      JSON.stringify(received),
    ];
    const finish = (row: CreatedRow): ReferralCreatedV1 => {
      const linked = row.duplicate_of !== null;
      const referral: ReferralViewV1 = {
        ...view,
        personId: row.person_id,
        localId: row.local_id,
        identityFollowUp: row.identity_follow_up,
        ...(linked ? { status: 'linked' as const, queue: null, duplicateOf: row.duplicate_of } : {}),
      };
      return {
        statusCode: linked ? 200 : 201,
        linked,
        duplicateOf: row.duplicate_of,
        replayed: false,
        referral,
      };
    };
    return { key, requestHash, matchKey, params, finish };
  }

  private async replay(key: string, requestHash: string): Promise<ReferralCreatedV1 | undefined> {
    const [row] = (await this.dataSource.query(
      `SELECT request_hash, response FROM idempotency_key WHERE key = $1`,
      [key],
    )) as Array<{ request_hash: string; response: ReferralCreatedV1 }>;
    if (!row) return undefined;
    if (row.request_hash !== requestHash) {
      throw new ConflictError('This Idempotency-Key was already used for a different referral', [
        { field: 'Idempotency-Key', reason: 'reused with a different request body; use a new key' },
      ]);
    }
    return { ...row.response, replayed: true };
  }

  async get(query: GetReferralV1): Promise<ReferralViewV1> {
    this.assertCanRead(query.actor);
    const row = await this.findRow(this.dataSource.manager, query.id);
    if (!row || (query.actor.role === 'referrer' && row.referrer_account_id !== query.actor.accountId)) {
      // a referrer asking for someone else's referral learns nothing, not even that it exists
      throw new NotFoundError('Referral', query.id);
    }
    return toView(row);
  }

  async list(query: ListReferralsV1): Promise<ReferralPageV1> {
    this.assertCanRead(query.actor);
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.actor.role === 'referrer' || query.mine) {
      params.push(query.actor.accountId);
      where.push(`r.referrer_account_id = $${params.length}`);
    }
    if (query.status) {
      params.push(query.status);
      where.push(`r.status = $${params.length}`);
    }
    if (query.queue) {
      params.push(query.queue);
      where.push(`r.queue = $${params.length}`);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = (await this.dataSource.query(
      `SELECT count(*)::int AS total FROM referral r ${clause}`,
      params,
    )) as Array<{ total: number }>;
    const rows = (await this.dataSource.query(
      `${REFERRAL_SELECT} ${clause} ORDER BY r.id DESC LIMIT ${query.perPage} OFFSET ${(query.page - 1) * query.perPage}`,
      params,
    )) as ReferralRow[];
    return { items: rows.map(toView), page: query.page, perPage: query.perPage, total };
  }

  async triage(command: TriageReferralV1): Promise<ReferralViewV1> {
    if (!TRIAGE_ROLES.includes(command.actor.role)) {
      throw new ForbiddenError('Only a link worker or hub manager triages referrals');
    }
    const details = triageErrors(command);
    if (details.length) throw new ValidationFailedError('Triage rejected', details);
    const view = await this.dataSource.transaction(async (m) => {
      const row = await this.findRow(m, command.id, true);
      if (!row) throw new NotFoundError('Referral', command.id);
      if (!TRIAGEABLE.includes(row.status)) {
        throw new ConflictError(
          `Referral ${command.id} is ${row.status}; only received, safeguarding_review or awaiting_info referrals are triaged`,
        );
      }
      if (row.status === 'safeguarding_review' && command.actor.role !== 'hub_manager') {
        throw new ForbiddenError('A referral with a safeguarding flag is triaged by the hub manager');
      }
      const at = new Date();
      let status: ReferralStatus;
      let queue = row.queue;
      let snomed = row.snomed_codes;
      let declineReason: string | null = null;
      let awaitingInfo: string | null = null;
      switch (command.outcome) {
        case 'accept': {
          status = 'accepted';
          // once the hub manager has seen a safeguarding referral it goes where intake would route it
          queue =
            command.queue ??
            (row.queue === 'hub_manager'
              ? routeReferral(this.profile, { safeguarding: false, homeScreen: row.home_screen }).queue
              : row.queue);
          snomed = [...new Set([...snomed, INTAKE_SNOMED_REFERRED])];
          break;
        }
        case 'decline':
          status = 'declined';
          declineReason = command.declineReason ?? null;
          if (declineReason === 'person_declined') snomed = [...new Set([...snomed, INTAKE_SNOMED_DECLINED])];
          break;
        case 'signpost':
          status = 'signposted';
          break;
        case 'await_info':
          status = 'awaiting_info';
          awaitingInfo = command.awaitingInfo ?? null;
          break;
      }
      await m.query(
        `UPDATE referral SET status = $2, queue = $3, snomed_codes = $4, decline_reason = $5, awaiting_info = $6,
           updated_at = $7 WHERE id = $1`,
        [row.id, status, queue, snomed, declineReason, awaitingInfo, at],
      );
      await this.transition(m, row.id, row.status, status, command.actor, at);
      const updated = (await this.findRow(m, row.id)) as ReferralRow;
      let handoff = updated;
      const route = routeReferral(this.profile, { safeguarding: false, homeScreen: row.home_screen });
      if (status === 'accepted' && route.handoff) {
        const partner = this.profile.homeEnvironment.brokerPartnerName ?? 'housing-and-health partner';
        const handoffId = uuidv7();
        await m.query(
          `INSERT INTO handoff (id, referral_id, partner, status, created_at, updated_at)
           VALUES ($1, $2, $3, 'requested', $4, $4) ON CONFLICT (referral_id) DO NOTHING`,
          [handoffId, row.id, partner, at],
        );
        await enqueueEvent(m, INTAKE_HANDOFF_REQUESTED_V1, {
          handoffId,
          referralId: row.id,
          personId: row.person_id,
          hubId: this.hubId,
          partner,
          homeScreen: row.home_screen,
          occurredAt: at.toISOString(),
        });
        handoff = (await this.findRow(m, row.id)) as ReferralRow;
      }
      const result = toView(handoff);
      const event = toEvent(result, this.hubId);
      const subject = {
        accepted: INTAKE_REFERRAL_ACCEPTED_V1,
        declined: INTAKE_REFERRAL_DECLINED_V1,
        signposted: INTAKE_REFERRAL_SIGNPOSTED_V1,
        awaiting_info: INTAKE_REFERRAL_AWAITING_INFO_V1,
      } as const;
      await enqueueEvent(m, subject[status as keyof typeof subject], event);
      return result;
    });
    this.logger.log({ msg: 'referral triaged', referralId: view.id, status: view.status, queue: view.queue });
    return view;
  }

  /** The housing-and-health partner acknowledged, completed or dropped an onward referral. */
  async updateHandoff(command: UpdateIntakeHandoffV1): Promise<ReferralViewV1> {
    if (!TRIAGE_ROLES.includes(command.actor.role)) {
      throw new ForbiddenError('Only a link worker or hub manager records a hand-off');
    }
    return this.dataSource.transaction(async (m) => {
      const [handoff] = (await m.query(
        `SELECT h.id, h.partner, h.status, r.person_id FROM handoff h JOIN referral r ON r.id = h.referral_id
          WHERE h.referral_id = $1 FOR UPDATE OF h`,
        [command.referralId],
      )) as Array<{ id: string; partner: string; status: string; person_id: string }>;
      if (!handoff) throw new NotFoundError('Hand-off of referral', command.referralId);
      const allowed = HANDOFF_NEXT[handoff.status] ?? [];
      if (!allowed.includes(command.status)) {
        throw new ConflictError(`The hand-off is ${handoff.status}; it cannot become ${command.status}`, [
          {
            field: 'status',
            reason: allowed.length ? `must be one of ${allowed.join(', ')}` : 'the hand-off is closed',
          },
        ]);
      }
      const at = new Date();
      await m.query(`UPDATE handoff SET status = $2, updated_at = $3 WHERE id = $1`, [
        handoff.id,
        command.status,
        at,
      ]);
      await enqueueEvent(m, INTAKE_HANDOFF_UPDATED_V1, {
        handoffId: handoff.id,
        referralId: command.referralId,
        personId: handoff.person_id,
        hubId: this.hubId,
        partner: handoff.partner,
        status: command.status,
        occurredAt: at.toISOString(),
      });
      this.logger.log({ msg: 'hand-off updated', referralId: command.referralId, status: command.status });
      return toView((await this.findRow(m, command.referralId)) as ReferralRow);
    });
  }

  private assertCanRead(actor: IntakeActorV1) {
    if (actor.role !== 'referrer' && !STAFF_ROLES.includes(actor.role)) {
      throw new ForbiddenError(`The ${actor.role} role cannot read referrals`);
    }
  }

  private async findRow(m: EntityManager, id: string, lock = false): Promise<ReferralRow | undefined> {
    const rows = (await m.query(`${REFERRAL_SELECT} WHERE r.id = $1 ${lock ? 'FOR UPDATE OF r' : ''}`, [
      id,
    ])) as ReferralRow[];
    return rows[0];
  }

  private async transition(
    m: EntityManager,
    referralId: string,
    from: ReferralStatus | null,
    to: ReferralStatus,
    actor: IntakeActorV1,
    at: Date,
  ) {
    await m.query(
      `INSERT INTO referral_transition (id, referral_id, from_status, to_status, actor_account_id, actor_role, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [uuidv7(), referralId, from, to, actor.accountId ?? null, actor.role, at],
    );
  }
}

function triageErrors(command: TriageReferralV1) {
  const details: Array<{ field: string; reason: string }> = [];
  if (command.outcome === 'decline' && !command.declineReason)
    details.push({ field: 'declineReason', reason: 'a declined referral needs a reason' });
  if (command.outcome === 'await_info' && !command.awaitingInfo?.trim())
    details.push({ field: 'awaitingInfo', reason: 'say what information is missing' });
  if (command.queue !== undefined && command.outcome !== 'accept')
    details.push({ field: 'queue', reason: 'a queue is only set when accepting' });
  if (command.queue !== undefined && !(INTAKE_QUEUES as readonly string[]).includes(command.queue))
    details.push({ field: 'queue', reason: `must be one of ${INTAKE_QUEUES.join(', ')}` });
  return details;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A batch needs no transaction around its statement: no idempotency keys, no person twice. */
function isOneStatement(batch: Prepared[]): boolean {
  const people = new Set<string>();
  for (const prepared of batch) {
    if (prepared.key || people.has(prepared.matchKey)) return false;
    people.add(prepared.matchKey);
  }
  return true;
}
