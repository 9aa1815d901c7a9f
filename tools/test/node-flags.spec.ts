import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI_NODE_FLAGS, SERVICE_NODE_FLAGS } from '../lib/node-flags';

describe('service node flags', () => {
  it('are the ones the Docker image starts each app with', () => {
    const dockerfile = readFileSync(join(__dirname, '..', '..', 'Dockerfile'), 'utf8');
    const cmd = dockerfile.split('\n').find((line) => line.startsWith('CMD '));
    expect(SERVICE_NODE_FLAGS.length).toBeGreaterThan(0);
    expect(cmd).toContain(`exec node ${SERVICE_NODE_FLAGS.join(' ')} -r ./tools/register.js`);
  });

  it("are the CLI's too, less the semi-space cap that keeps an idle service small", () => {
    const semiSpace = (flag: string) => flag.startsWith('--max-semi-space-size=');
    expect(SERVICE_NODE_FLAGS.filter(semiSpace)).toHaveLength(1);
    expect(CLI_NODE_FLAGS).toEqual(SERVICE_NODE_FLAGS.filter((flag) => !semiSpace(flag)));
  });
});
