import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HubProfileConfig } from '@linkway/config';
import { hubProfileFromPreset } from '@linkway/domain';
import { loadHubProfile } from './hub-profile.provider';

const hub = { HUB_ID: 'hub1', HUB_NAME: 'Test hub' };
const settings = (overrides: Partial<HubProfileConfig> = {}) =>
  Object.assign(new HubProfileConfig(), overrides);

describe(loadHubProfile.name, () => {
  it('builds the preset for this hub', () => {
    const sut = loadHubProfile(settings({ HUB_PROFILE: 'stroke_navigation' }), hub);
    expect(sut).toMatchObject({ archetype: 'stroke_navigation', hubId: 'hub1', name: 'Test hub' });
  });

  it("applies the hub's own scheme start date, for the first-year GP-only rule", () => {
    const sut = loadHubProfile(
      settings({ HUB_PROFILE: 'pcn_link_workers', HUB_SCHEME_START_DATE: '2026-09-01' }),
      hub,
    );
    expect(sut.referrals.schemeStartDate).toBe('2026-09-01');
  });

  it('reads a whole profile from a file, which wins over the preset', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'hub-profile-')), 'profile.json');
    writeFileSync(
      file,
      JSON.stringify(hubProfileFromPreset('vcse_connector', { hubId: 'hub9', name: 'From file' })),
    );
    expect(loadHubProfile(settings({ HUB_PROFILE_FILE: file }), hub)).toMatchObject({
      archetype: 'vcse_connector',
      hubId: 'hub9',
    });
  });

  it('refuses an unknown preset, naming the presets', () => {
    expect(() => loadHubProfile(settings({ HUB_PROFILE: 'nope' }), hub)).toThrow(
      /HUB_PROFILE "nope" is not a preset; use one of .*community_centre/,
    );
  });

  it('refuses an invalid profile file, naming each bad field', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'hub-profile-')), 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({
        ...hubProfileFromPreset('vcse_connector', { hubId: 'hub9', name: 'x' }),
        archetype: 'nonsense',
      }),
    );
    expect(() => loadHubProfile(settings({ HUB_PROFILE_FILE: file }), hub)).toThrow(
      /invalid hub profile: archetype/,
    );
  });
});
