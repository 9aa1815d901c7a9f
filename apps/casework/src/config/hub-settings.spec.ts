import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_HOME_SCHEMES, hubProfileFromPreset } from '@linkway/domain';
import { CaseworkConfig } from './casework.config';
import { loadHubSettings } from './hub-settings';

const profile = hubProfileFromPreset('community_centre', { hubId: 'hub1', name: 'Test hub' });
const config = (overrides: Partial<CaseworkConfig> = {}) => Object.assign(new CaseworkConfig(), overrides);

describe(loadHubSettings.name, () => {
  it('defaults to the 7- and 14-day chaser windows and the default scheme list', () => {
    const sut = loadHubSettings(config(), profile, 'hub1');
    expect(sut).toMatchObject({
      hubId: 'hub1',
      nudgeAfterSeconds: 7 * 86_400,
      expireAfterSeconds: 14 * 86_400,
      noContactFlagDays: 14,
    });
    expect(sut.schemes).toEqual(DEFAULT_HOME_SCHEMES);
    expect(sut.profile.archetype).toBe('community_centre');
  });

  it('reads the hub scheme list from a file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cw-schemes-')), 'schemes.json');
    writeFileSync(
      file,
      JSON.stringify([{ code: 'boiler_grant', label: 'Boiler grant', eligibilityNotes: 'Owner-occupiers' }]),
    );
    expect(
      loadHubSettings(config({ CASEWORK_HOME_SCHEMES_FILE: file }), profile, 'hub1').schemes.map(
        (s) => s.code,
      ),
    ).toEqual(['boiler_grant']);
  });

  it('refuses an expiry window not after the nudge', () => {
    expect(() =>
      loadHubSettings(
        config({ CASEWORK_CHASER_NUDGE_AFTER_SECONDS: 10, CASEWORK_CHASER_EXPIRE_AFTER_SECONDS: 10 }),
        profile,
        'hub1',
      ),
    ).toThrow(/must be greater/);
  });
});
