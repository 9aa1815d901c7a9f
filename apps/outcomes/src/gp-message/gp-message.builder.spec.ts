import { buildGpMessage, type GpMessageInput } from './gp-message.builder';

const input = (overrides: Partial<GpMessageInput> = {}): GpMessageInput => ({
  messageId: '01931f4c-0000-7000-8000-000000000001',
  hubId: 'hub1',
  hubName: 'Northfield Links',
  caseId: '01931f4c-0000-7000-8000-000000000002',
  referralId: '01931f4c-0000-7000-8000-000000000003',
  personId: '01931f4c-0000-7000-8000-000000000004',
  referrerType: 'gp_practice',
  needs: ['isolation'],
  openedAt: '2026-08-01T09:00:00.000Z',
  closedAt: '2026-11-01T09:00:00.000Z',
  closureReason: 'completed',
  contactsAttended: 8,
  onward: [
    { directoryServiceId: 'svc-choir', partnerOrganisationId: 'org-1', status: 'completed' },
    { directoryServiceId: 'svc-gym', partnerOrganisationId: 'org-2', status: 'declined' },
  ],
  outcomes: [
    { measure: 'ucla3', timepoint: 'baseline', score: 8, recordedAt: '2026-08-01T09:00:00.000Z' },
    { measure: 'ucla3', timepoint: 'end_of_support', score: 5, recordedAt: '2026-10-24T09:00:00.000Z' },
  ],
  createdAt: '2026-11-01T09:05:00.000Z',
  ...overrides,
});

const sectionText = (bundle: ReturnType<typeof buildGpMessage>, title: string) => {
  const composition = bundle.entry[0].resource as unknown as {
    section: Array<{ title: string; text: { div: string } }>;
  };
  return composition.section.find((s) => s.title === title)?.text.div ?? '';
};

describe(buildGpMessage.name, () => {
  it('is a FHIR document: Composition first, every reference resolvable inside the Bundle', () => {
    const bundle = buildGpMessage(input());
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'document', id: input().messageId });
    expect(bundle.entry.map((e) => e.resource.resourceType)).toEqual([
      'Composition',
      'Patient',
      'Observation',
      'Observation',
      'Observation',
    ]);
    const urls = new Set(bundle.entry.map((e) => e.fullUrl));
    expect(urls.size).toBe(bundle.entry.length);
    const references = JSON.stringify(bundle).match(/"reference":"([^"]+)"/g) ?? [];
    expect(references.length).toBeGreaterThan(0);
    for (const ref of references) expect(urls.has(ref.slice('"reference":"'.length, -1))).toBe(true);
  });

  it('says what was offered and what was taken up', () => {
    const bundle = buildGpMessage(input());
    expect(sectionText(bundle, 'Social prescribing support offered')).toContain('svc-gym');
    expect(sectionText(bundle, 'Support taken up')).toContain('svc-choir: completed');
    expect(sectionText(bundle, 'Support taken up')).not.toContain('svc-gym');
    expect(sectionText(bundle, 'Referral')).toContain('GP or practice staff');
  });

  it('codes a declined episode 871711000000103 and any other 871691000000100', () => {
    const code = (reason: string) =>
      (
        buildGpMessage(input({ closureReason: reason })).entry[2].resource as unknown as {
          code: { coding: Array<{ code: string }> };
        }
      ).code.coding[0].code;
    expect(code('declined')).toBe('871711000000103');
    expect(code('did_not_engage')).toBe('871691000000100');
  });

  it('escapes text placed in the XHTML narrative', () => {
    const bundle = buildGpMessage(
      input({ onward: [{ directoryServiceId: '<b>x</b>', partnerOrganisationId: 'o', status: 'sent' }] }),
    );
    expect(sectionText(bundle, 'Social prescribing support offered')).toContain('&lt;b&gt;x&lt;/b&gt;');
  });
});
