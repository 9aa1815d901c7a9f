import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Subscription } from 'nats';
import { hubProfileFromPreset } from '@linkway/domain';
import { waitUntil } from '@linkway/testing';
import {
  bearer,
  type IntakeStack,
  referralBody,
  startIntakeStack,
  StringCodec,
} from './test-fixtures/intake-stack';

const sc = StringCodec();
const PERSON_TABLES = [
  'referral_intake.referral',
  'referral_intake.person',
  'referral_intake.outbox',
  'referral_intake.idempotency_key',
];

interface Seen {
  subject: string;
  payload: Record<string, unknown>;
}

describe('referral intake through the gateway (gateway + referral-intake on a private NATS)', () => {
  let stack: IntakeStack;
  let events: Seen[];
  let sub: Subscription;

  beforeAll(async () => {
    // a brokered-referral hub (home-environment work referred on to a partner), all referrers, 18+
    const dir = mkdtempSync(join(tmpdir(), 'linkway-profile-'));
    const profileFile = join(dir, 'hub.json');
    writeFileSync(
      profileFile,
      JSON.stringify(
        hubProfileFromPreset(
          'home_environment_brokered_referral',
          { hubId: 'hub1', name: 'Test hub' },
          {
            homeEnvironment: {
              integrationModel: 'brokered_referral',
              brokerPartnerName: 'Healthy Homes Leeds',
            },
          },
        ),
      ),
    );
    stack = await startIntakeStack(
      'gw-referrals',
      { HUB_PROFILE_FILE: profileFile },
      { SELF_REFERRAL_RATE_LIMIT_PER_MINUTE: '3' },
    );
    events = [];
    sub = stack.nc.subscribe('evt.intake.>', {
      callback: (_, msg) => events.push({ subject: msg.subject, payload: JSON.parse(sc.decode(msg.data)) }),
    });
  }, 60_000);

  afterAll(async () => {
    sub?.unsubscribe();
    await stack?.close();
  });

  const post = async (
    url: string,
    payload: unknown,
    role: Parameters<IntakeStack['token']>[0] | null,
    headers: Record<string, string> = {},
  ) =>
    stack.gateway.app.inject({
      method: 'POST',
      url,
      payload: payload as Record<string, unknown>,
      headers: { ...(role ? bearer(await stack.token(role)) : {}), ...headers },
    });
  const get = async (url: string, role: Parameters<IntakeStack['token']>[0], token?: string) =>
    stack.gateway.app.inject({ method: 'GET', url, headers: bearer(token ?? (await stack.token(role))) });
  const counts = () => Promise.all(PERSON_TABLES.map((t) => stack.count(t)));
  const eventFor = (subject: string, referralId: string) =>
    waitUntil(() => events.find((e) => e.subject === subject && e.payload.referralId === referralId), {
      timeoutMs: 5_000,
    });

  it('creates a referral (201), routes it and emits the received event with coded facts only', async () => {
    const body = referralBody({ note: 'Lives alone since spring', homeScreen: [] });
    const response = await post('/api/v1/referrals', body, 'referrer');
    expect(response.statusCode).toBe(201);
    const { referral, linked } = response.json();
    expect(linked).toBe(false);
    expect(referral).toMatchObject({
      status: 'received',
      queue: 'general',
      channel: 'api',
      identityFollowUp: false,
      referrerType: 'gp_practice',
    });
    const event = await eventFor('evt.intake.referral.received.v1', referral.id);
    expect(event.payload).toMatchObject({
      personId: referral.personId,
      needs: ['isolation'],
      integrationModel: 'brokered_referral',
      safeguarding: false,
    });
    expect(JSON.stringify(event.payload)).not.toMatch(/Lives alone|Ada|LS1/);
  });

  it('rejects a bad referral with 400 naming each field, and writes nothing', async () => {
    const before = await counts();
    const body = referralBody(
      {
        reasons: ['isolation', 'astrology'],
        consent: { givenBy: 'person', method: 'verbal', recordedAt: 'yesterday' },
      },
      { nhsNumber: '9434765918', dateOfBirth: '2999-01-01', postcode: 'NOT A CODE' },
    );
    const response = await post('/api/v1/referrals', body, 'referrer', { 'idempotency-key': 'rejected-1' });
    expect(response.statusCode).toBe(400);
    const fields = response.json().details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['reasons', 'consent.recordedAt']));
    // domain rules (past the DTO) name their fields too
    const domain = await post(
      '/api/v1/referrals',
      referralBody({}, { nhsNumber: '9434765918', dateOfBirth: '2999-01-01', postcode: 'NOT A CODE' }),
      'referrer',
    );
    expect(domain.statusCode).toBe(400);
    expect(domain.json().details).toEqual(
      expect.arrayContaining([
        { field: 'person.nhsNumber', reason: expect.stringContaining('check digit') },
        { field: 'person.dateOfBirth', reason: 'must not be in the future' },
        { field: 'person.postcode', reason: expect.stringContaining('UK postcode') },
      ]),
    );
    const tooYoung = await post(
      '/api/v1/referrals',
      referralBody({}, { dateOfBirth: '2015-01-01' }),
      'referrer',
    );
    expect(tooYoung.statusCode).toBe(400);
    expect(tooYoung.json().details[0]).toMatchObject({
      field: 'person.dateOfBirth',
      reason: expect.stringContaining('18 or over'),
    });
    expect(await counts()).toEqual(before);
  });

  it('refuses a body of the wrong form (types, unknown fields, not an object) with 400 naming each field, writing nothing', async () => {
    const before = await counts();
    const body = referralBody({ safeguarding: 'yes', urgency: 'high' }, { givenName: 42 });
    const response = await post('/api/v1/referrals', body, 'referrer');
    expect(response.statusCode).toBe(400);
    expect(response.json().details).toEqual([
      { field: 'urgency', reason: 'is not a field of a referral; remove it' },
      { field: 'person.givenName', reason: 'must be a string' },
      { field: 'safeguarding', reason: 'must be true or false' },
    ]);
    const list = await post('/api/v1/referrals', [referralBody()], 'referrer');
    expect(list.statusCode).toBe(400);
    expect(list.json().details).toEqual([{ field: 'referral', reason: 'referral must be an object' }]);
    // only the self-referral form sets its referrer type (sent from another address, so it
    // does not spend the self-referral rate limit a later test counts)
    const selfTyped = await stack.gateway.app.inject({
      method: 'POST',
      url: '/api/v1/self-referrals',
      payload: referralBody(),
      remoteAddress: '192.0.2.7',
    });
    expect(selfTyped.statusCode).toBe(400);
    expect(selfTyped.json().details).toEqual([
      { field: 'referrerType', reason: 'is set by the self-referral form; leave it out' },
    ]);
    expect(await counts()).toEqual(before);
  });

  it('gives a person without an NHS number a local id and flags identity follow-up', async () => {
    const response = await post(
      '/api/v1/referrals',
      referralBody({}, { nhsNumber: undefined }),
      'link_worker',
    );
    expect(response.statusCode).toBe(201);
    expect(response.json().referral).toMatchObject({
      nhsNumber: null,
      identityFollowUp: true,
      localId: expect.stringMatching(/^LW-[0-9A-F]{12}$/),
    });
  });

  it('answers a repeated Idempotency-Key with the first status and body, once stored', async () => {
    const body = referralBody();
    const before = await stack.count('referral_intake.referral');
    const first = await post('/api/v1/referrals', body, 'referrer', { 'idempotency-key': 'key-42' });
    const again = await post('/api/v1/referrals', body, 'referrer', { 'idempotency-key': 'key-42' });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await stack.count('referral_intake.referral')).toBe(before + 1);
    const misuse = await post('/api/v1/referrals', referralBody(), 'referrer', {
      'idempotency-key': 'key-42',
    });
    expect(misuse.statusCode).toBe(409);
    expect(misuse.json().details[0].field).toBe('Idempotency-Key');
  });

  it('links a referral for a person with an open referral (200, duplicateOf) instead of duplicating it', async () => {
    const body = referralBody();
    const first = (await post('/api/v1/referrals', body, 'referrer')).json().referral;
    const second = await post(
      '/api/v1/referrals',
      { ...body, referrerType: 'pharmacy', reasons: ['money_debt'] },
      'link_worker',
    );
    expect(second.statusCode).toBe(200);
    expect(second.json()).toMatchObject({
      linked: true,
      duplicateOf: first.id,
      referral: { status: 'linked', personId: first.personId },
    });
    const { rows } = await stack.db.query(
      `SELECT count(*)::int AS n FROM referral_intake.referral WHERE person_id = $1 AND status <> 'linked'`,
      [first.personId],
    );
    expect(rows[0].n).toBe(1);
  });

  it('opens exactly one referral when ten for the same new person arrive at once', async () => {
    const body = referralBody();
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => post('/api/v1/referrals', body, 'link_worker')),
    );
    const statuses = responses.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    const opened = responses.find((r) => r.statusCode === 201)?.json().referral.id;
    for (const r of responses.filter((x) => x.statusCode === 200)) expect(r.json().duplicateOf).toBe(opened);
  });

  it('sends a safeguarding referral to the hub manager at once; only the hub manager triages it', async () => {
    const created = (await post('/api/v1/referrals', referralBody({ safeguarding: true }), 'referrer')).json()
      .referral;
    expect(created).toMatchObject({
      status: 'safeguarding_review',
      queue: 'hub_manager',
      safeguarding: true,
    });
    await eventFor('evt.intake.referral.safeguarding.v1', created.id);
    const byLinkWorker = await post(
      `/api/v1/referrals/${created.id}/triage`,
      { outcome: 'accept' },
      'link_worker',
    );
    expect(byLinkWorker.statusCode).toBe(403);
    const byManager = await post(
      `/api/v1/referrals/${created.id}/triage`,
      { outcome: 'accept' },
      'hub_manager',
    );
    expect(byManager.statusCode).toBe(200);
    expect(byManager.json()).toMatchObject({ status: 'accepted', queue: 'general' });
  });

  it('accepts with SNOMED 871731000000106 and, in a brokered hub, hands a positive home screen to the partner', async () => {
    const created = (
      await post('/api/v1/referrals', referralBody({ homeScreen: ['cold_or_damp', 'fuel_debt'] }), 'referrer')
    ).json().referral;
    const accepted = await post(
      `/api/v1/referrals/${created.id}/triage`,
      { outcome: 'accept' },
      'link_worker',
    );
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({
      status: 'accepted',
      snomedCodes: ['871731000000106'],
      handoff: { partner: 'Healthy Homes Leeds', status: 'requested' },
    });
    const event = await eventFor('evt.intake.referral.accepted.v1', created.id);
    expect(event.payload).toMatchObject({
      queue: 'general',
      homeScreen: ['cold_or_damp', 'fuel_debt'],
      snomedCodes: ['871731000000106'],
    });
    await eventFor('evt.intake.handoff.requested.v1', created.id);
    const acknowledged = await post(
      `/api/v1/referrals/${created.id}/handoff`,
      { status: 'acknowledged' },
      'link_worker',
    );
    expect(acknowledged.json().handoff).toMatchObject({ status: 'acknowledged' });
    const completed = await post(
      `/api/v1/referrals/${created.id}/handoff`,
      { status: 'completed' },
      'link_worker',
    );
    expect(completed.json().handoff).toMatchObject({ status: 'completed' });
    await waitUntil(() =>
      events.find(
        (e) =>
          e.subject === 'evt.intake.handoff.updated.v1' &&
          e.payload.referralId === created.id &&
          e.payload.status === 'completed',
      ),
    );
    expect(
      (await post(`/api/v1/referrals/${created.id}/handoff`, { status: 'dropped' }, 'link_worker'))
        .statusCode,
    ).toBe(409);
    const again = await post(
      `/api/v1/referrals/${created.id}/triage`,
      { outcome: 'decline', declineReason: 'other' },
      'link_worker',
    );
    expect(again.statusCode).toBe(409);
  });

  it('declines (SNOMED 871711000000103 when the person declines), signposts and asks for information', async () => {
    const a = (await post('/api/v1/referrals', referralBody(), 'referrer')).json().referral;
    const declined = await post(
      `/api/v1/referrals/${a.id}/triage`,
      { outcome: 'decline', declineReason: 'person_declined' },
      'link_worker',
    );
    expect(declined.json()).toMatchObject({
      status: 'declined',
      declineReason: 'person_declined',
      snomedCodes: ['871711000000103'],
    });
    await eventFor('evt.intake.referral.declined.v1', a.id);

    const b = (await post('/api/v1/referrals', referralBody(), 'referrer')).json().referral;
    const info = await post(
      `/api/v1/referrals/${b.id}/triage`,
      { outcome: 'await_info', awaitingInfo: 'Which GP practice?' },
      'link_worker',
    );
    expect(info.json()).toMatchObject({ status: 'awaiting_info', awaitingInfo: 'Which GP practice?' });
    await eventFor('evt.intake.referral.awaiting_info.v1', b.id);
    const signposted = await post(`/api/v1/referrals/${b.id}/triage`, { outcome: 'signpost' }, 'link_worker');
    expect(signposted.json().status).toBe('signposted');
    await eventFor('evt.intake.referral.signposted.v1', b.id);

    const missingReason = await post(
      `/api/v1/referrals/${a.id}/triage`,
      { outcome: 'decline' },
      'hub_manager',
    );
    expect(missingReason.statusCode).toBe(400);
    expect(missingReason.json().details[0].field).toBe('declineReason');
  });

  it('lets a referrer read the status of their own referrals only, and audits the reads', async () => {
    const mine = await stack.gateway.givenAccount('referrer');
    const other = await stack.gateway.givenAccount('referrer');
    const created = (
      await stack.gateway.app.inject({
        method: 'POST',
        url: '/api/v1/referrals',
        payload: referralBody(),
        headers: bearer(mine.token),
      })
    ).json().referral;
    const own = await get(`/api/v1/referrals/${created.id}`, 'referrer', mine.token);
    expect(own.statusCode).toBe(200);
    expect(own.json().status).toBe('received');
    expect((await get(`/api/v1/referrals/${created.id}`, 'referrer', other.token)).statusCode).toBe(404);
    const list = await get('/api/v1/referrals?mine=true', 'referrer', mine.token);
    expect(list.json()).toMatchObject({ total: 1, items: [{ id: created.id }] });
    expect((await get('/api/v1/referrals', 'referrer', other.token)).json().total).toBe(0);
    expect((await get(`/api/v1/referrals/${created.id}`, 'partner')).statusCode).toBe(403);
    const { rows } = await stack.db.query(
      `SELECT action FROM gateway.audit_log WHERE entity = 'referral' AND entity_id = $1 ORDER BY at`,
      [created.id],
    );
    expect(rows.map((r) => r.action)).toEqual(['referral.create', 'referral.read']);
  });

  it('takes public self-referrals under their own stricter rate limit', async () => {
    const { referrerType: _ignored, ...form } = referralBody();
    const created = await post('/api/v1/self-referrals', form, null);
    expect(created.statusCode).toBe(201);
    expect(created.json().referral).toMatchObject({
      channel: 'self',
      referrerType: 'self',
      referrerAccountId: null,
    });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const { referrerType: _t, ...again } = referralBody();
      statuses.push((await post('/api/v1/self-referrals', again, null)).statusCode);
    }
    expect(statuses).toEqual([201, 201, 429]);
  });

  describe('FHIR ServiceRequest', () => {
    const LW = 'https://linkway.org.uk/fhir';
    const serviceRequest = (patient: Record<string, unknown>, subject = '#p1') => ({
      resourceType: 'ServiceRequest',
      status: 'active',
      intent: 'order',
      contained: [patient],
      subject: { reference: subject },
      requester: {
        display: 'Dr Who, Leeds Surgery',
        extension: [{ url: `${LW}/StructureDefinition/referrer-type`, valueCode: 'gp_practice' }],
      },
      reasonCode: [{ coding: [{ system: `${LW}/CodeSystem/presenting-need`, code: 'low_mood_anxiety' }] }],
      authoredOn: '2026-11-20T09:30:00Z',
      note: [{ text: 'Recently bereaved' }],
      extension: [
        {
          url: `${LW}/StructureDefinition/consent-to-share`,
          extension: [
            { url: 'givenBy', valueCode: 'person' },
            { url: 'method', valueCode: 'verbal' },
            { url: 'recordedAt', valueDateTime: '2026-11-20T09:00:00Z' },
          ],
        },
      ],
    });
    const patient = (nhsNumber: string, id = 'p1') => ({
      resourceType: 'Patient',
      id,
      identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: nhsNumber }],
      name: [{ given: ['Grace'], family: `Hopper${Math.random().toString(36).slice(2, 8)}` }],
      birthDate: '1946-12-09',
      address: [{ postalCode: 'LS6 1AA' }],
    });
    const fhirPost = async (body: unknown) =>
      stack.gateway.app.inject({
        method: 'POST',
        url: '/fhir/ServiceRequest',
        payload: JSON.stringify(body),
        headers: { ...bearer(await stack.token('referrer')), 'content-type': 'application/fhir+json' },
      });

    it('creates from a contained Patient and reads it back as a ServiceRequest', async () => {
      const nhs = referralBody().person.nhsNumber as string;
      const created = await fhirPost(serviceRequest(patient(nhs)));
      expect(created.statusCode).toBe(201);
      expect(created.headers['content-type']).toContain('application/fhir+json');
      const resource = created.json();
      expect(resource).toMatchObject({
        resourceType: 'ServiceRequest',
        id: expect.any(String),
        status: 'active',
        intent: 'order',
      });
      expect(resource.contained[0].identifier[0]).toEqual({
        system: 'https://fhir.nhs.uk/Id/nhs-number',
        value: nhs,
      });
      const read = await get(`/fhir/ServiceRequest/${resource.id}`, 'referrer');
      expect(read.statusCode).toBe(200);
      expect(read.json()).toMatchObject({
        id: resource.id,
        reasonCode: [{ coding: [{ code: 'low_mood_anxiety' }] }],
        note: [{ text: 'Recently bereaved' }],
      });
    });

    it('creates from a Bundle whose ServiceRequest references its Patient', async () => {
      const nhs = referralBody().person.nhsNumber as string;
      const { contained: _c, ...request } = serviceRequest(
        patient(nhs),
        'urn:uuid:8f7a1c44-0000-4000-8000-000000000001',
      );
      const bundle = {
        resourceType: 'Bundle',
        type: 'collection',
        entry: [
          { fullUrl: 'urn:uuid:8f7a1c44-0000-4000-8000-000000000001', resource: patient(nhs, 'pat') },
          { fullUrl: 'urn:uuid:8f7a1c44-0000-4000-8000-000000000002', resource: request },
        ],
      };
      const created = await fhirPost(bundle);
      expect(created.statusCode).toBe(201);
      expect(created.json().contained[0].identifier[0].value).toBe(nhs);
    });

    it('answers an invalid ServiceRequest with an OperationOutcome naming the element, and writes nothing', async () => {
      const before = await counts();
      const response = await fhirPost(serviceRequest(patient('9434765918')));
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toContain('application/fhir+json');
      expect(response.json()).toEqual({
        resourceType: 'OperationOutcome',
        issue: [
          {
            severity: 'error',
            code: 'invalid',
            diagnostics: expect.stringContaining('check digit'),
            expression: ["Patient.identifier.where(system='https://fhir.nhs.uk/Id/nhs-number')"],
          },
        ],
      });
      const missing = await fhirPost(serviceRequest(patient('9434765919'), '#nobody'));
      expect(missing.json().issue[0].expression).toEqual(['ServiceRequest.subject']);
      expect(await counts()).toEqual(before);
    });
  });

  describe('CSV import', () => {
    const header =
      'source_id,nhs_number,given_name,family_name,date_of_birth,postcode,referrer_type,reasons,consent_given_by,consent_method,consent_recorded_at,safeguarding,cold_or_damp,note';
    const row = (
      id: string,
      nhs: string,
      extra: Partial<Record<'dob' | 'postcode' | 'reasons', string>> = {},
    ) =>
      [
        id,
        nhs,
        'Alan',
        `Turing${id}`,
        extra.dob ?? '1952-06-23',
        extra.postcode ?? 'LS2 9JT',
        'housing_association',
        extra.reasons ?? 'isolation;money_debt',
        'person',
        'written',
        '2026-10-01T12:00:00Z',
        'no',
        'yes',
        '"Note, with comma"',
      ].join(',');
    const upload = async (csv: string, key?: string) =>
      stack.gateway.app.inject({
        method: 'POST',
        url: '/api/v1/referrals/imports',
        payload: csv,
        headers: {
          ...bearer(await stack.token('hub_manager')),
          'content-type': 'text/csv',
          ...(key ? { 'idempotency-key': key } : {}),
        },
      });

    it('imports good rows, reports bad rows with reasons, and a re-run creates nothing twice', async () => {
      const csv = [
        header,
        row(`S${Date.now()}a`, referralBody().person.nhsNumber as string),
        row(`S${Date.now()}b`, '1234567890'),
        row(`S${Date.now()}c`, '', { dob: '2030-01-01' }),
        row('', referralBody().person.nhsNumber as string, { postcode: 'XX' }),
        row('', referralBody().person.nhsNumber as string),
      ].join('\r\n');
      const before = await stack.count('referral_intake.referral');
      const first = await upload(csv, 'file-sha-1');
      expect(first.statusCode).toBe(200);
      const report = first.json();
      expect(report).toMatchObject({ rows: 5, created: 2, linked: 0, rejected: 3, replayed: 0 });
      expect(report.report.map((r: { outcome: string }) => r.outcome)).toEqual([
        'created',
        'rejected',
        'rejected',
        'rejected',
        'created',
      ]);
      expect(report.report[1].errors[0]).toMatchObject({ field: 'person.nhsNumber' });
      expect(report.report[2].errors[0]).toMatchObject({ field: 'person.dateOfBirth' });
      expect(report.report[3].errors[0]).toMatchObject({ field: 'person.postcode' });
      expect(await stack.count('referral_intake.referral')).toBe(before + 2);

      const rerun = await upload(csv, 'file-sha-1');
      expect(rerun.json()).toMatchObject({ created: 2, rejected: 3, replayed: 2 });
      expect(rerun.json().report[0].referralId).toBe(report.report[0].referralId);
      expect(await stack.count('referral_intake.referral')).toBe(before + 2);
    });

    it('refuses a file with unknown or missing columns, naming them', async () => {
      const response = await upload('given_name,shoe_size\nAda,5\n');
      expect(response.statusCode).toBe(400);
      expect(response.json().details).toEqual(
        expect.arrayContaining([
          { field: 'shoe_size', reason: expect.stringContaining('unknown column') },
          { field: 'date_of_birth', reason: 'required column is missing' },
        ]),
      );
    });
  });
});

describe('referral intake under a PCN scheme in its first year (GP referrals only)', () => {
  let stack: IntakeStack;

  beforeAll(async () => {
    const started = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    stack = await startIntakeStack('gw-referrals-pcn', {
      HUB_PROFILE: 'pcn_link_workers',
      HUB_SCHEME_START_DATE: started,
    });
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
  });

  it('refuses a non-GP referrer with the reason, and takes a GP practice referral', async () => {
    const token = await stack.token('referrer');
    const before = await stack.count('referral_intake.referral');
    const refused = await stack.gateway.app.inject({
      method: 'POST',
      url: '/api/v1/referrals',
      payload: referralBody({ referrerType: 'vcse' }),
      headers: bearer(token),
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().details).toEqual([
      { field: 'referrerType', reason: expect.stringContaining('first year') },
    ]);
    expect(await stack.count('referral_intake.referral')).toBe(before);
    const taken = await stack.gateway.app.inject({
      method: 'POST',
      url: '/api/v1/referrals',
      payload: referralBody(),
      headers: bearer(token),
    });
    expect(taken.statusCode).toBe(201);
  });
});
