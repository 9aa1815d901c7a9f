import { federationOutSpec, federationSources } from './federation-streams';

describe('federation streams', () => {
  it('sources each registered hub once, through its own JetStream domain API', () => {
    expect(federationSources(['hub2', 'hub1', 'hub2']).map((s) => s.external?.api)).toEqual([
      '$JS.hub1.API',
      '$JS.hub2.API',
    ]);
    expect(federationSources(['hub1'])[0].name).toBe('FEDERATION_OUT');
  });

  it("gives a hub's FEDERATION_OUT only that hub's subjects, so it never captures another hub's snapshots", () => {
    expect(federationOutSpec({ hubId: 'hub2' })).toMatchObject({
      name: 'FEDERATION_OUT',
      subjects: ['fed.*.hub2'],
    });
  });
});
