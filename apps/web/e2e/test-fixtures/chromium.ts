import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Debian's Chromium drives the e2e tests (playwright-core downloads no browser). Installed here
 * when missing and we are root, as tools/infra.js does for Postgres, Redis and NATS; otherwise
 * the message says what to run.
 */
export function ensureChromium(): string {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}. Install it with: sudo apt-get install -y chromium`,
    );
  }
  const apt = (...args: string[]) =>
    spawnSync('apt-get', args, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      timeout: 600_000,
    });
  if (apt('install', '-y', '--no-install-recommends', 'chromium').status !== 0) {
    // a fresh machine has no package lists yet
    apt('update');
    apt('install', '-y', '--no-install-recommends', 'chromium');
  }
  if (!existsSync(CHROMIUM))
    throw new Error(`apt-get could not install chromium (${CHROMIUM} is still missing)`);
  return CHROMIUM;
}
