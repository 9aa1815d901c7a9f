import { FHIR_SYSTEMS, SNOMED, isValidSctid, toFhirCoding } from './snomed';

describe('SNOMED', () => {
  it.each(Object.entries(SNOMED))('%s has a well-formed SCTID', (_, concept) => {
    expect(isValidSctid(concept.code)).toBe(true);
  });

  it('holds the three codes in domain-reference.md', () => {
    expect(Object.values(SNOMED).map((c) => c.code)).toEqual([
      '871731000000106',
      '871711000000103',
      '871691000000100',
    ]);
  });
});

describe(isValidSctid.name, () => {
  it('rejects a single mistyped digit and malformed ids', () => {
    expect(isValidSctid('871731000000107')).toBe(false);
    expect(isValidSctid('871731000000016')).toBe(false);
    expect(isValidSctid('0871731000000106')).toBe(false);
    expect(isValidSctid('12345')).toBe(false);
  });

  it('accepts a well-known core concept', () => {
    expect(isValidSctid('22298006')).toBe(true); // Myocardial infarction
  });
});

describe(toFhirCoding.name, () => {
  it('uses the SNOMED system and the preferred term', () => {
    expect(toFhirCoding(SNOMED.socialPrescribingDeclined)).toEqual({
      system: 'http://snomed.info/sct',
      code: '871711000000103',
      display: 'Social prescribing declined',
    });
  });
});

describe('FHIR_SYSTEMS', () => {
  it('names the NHS number system', () => {
    expect(FHIR_SYSTEMS.nhsNumber).toBe('https://fhir.nhs.uk/Id/nhs-number');
  });
});
