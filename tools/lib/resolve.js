// The "use env URL / reuse / start" decision for one backing service, kept apart from
// the I/O so it can be tested on its own.
'use strict';
const { whyNot } = require('./probe');

const ENV_NAMES = { postgres: 'DATABASE_URL', redis: 'REDIS_URL', nats: 'NATS_URL' };
const LABELS = { postgres: 'Postgres', redis: 'Redis', nats: 'NATS' };

/**
 * Returns { url, how } with how = 'env' | 'reused' | 'started'.
 *  - a URL from the environment is used as given, and must answer (no silent fallback:
 *    a wrong DATABASE_URL should fail loudly, not start a second database);
 *  - else something answering at the default URL (or one we started earlier) is reused;
 *  - else start() brings up a local server.
 */
/**
 * @param {'postgres' | 'redis' | 'nats'} kind
 * @param {{ envUrl?: string, candidates: string[], start: () => Promise<{ url: string, [k: string]: any }>, probe?: (kind: string, url: string) => Promise<string | null> }} options
 * @returns {Promise<{ kind: string, url: string, how: 'env' | 'reused' | 'started', record?: any, dataDir?: string }>}
 */
async function resolveService(kind, { envUrl, candidates, start, probe = whyNot }) {
  if (envUrl) {
    const reason = await probe(kind, envUrl);
    if (reason) throw new Error(`${ENV_NAMES[kind]}=${redact(envUrl)} does not answer as ${LABELS[kind]}: ${reason}`);
    return { kind, url: envUrl, how: 'env' };
  }
  for (const url of candidates) {
    if (!(await probe(kind, url))) return { kind, url, how: 'reused' };
  }
  const started = await start();
  return { kind, ...started, how: 'started' };
}

/** Hides a password in a URL before it is printed. */
function redact(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}

/** The server part of a postgres URL with another database name. */
function withDatabase(url, database) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

module.exports = { resolveService, redact, withDatabase, ENV_NAMES, LABELS };
