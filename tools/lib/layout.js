// Where things live and which ports they use. One place, so docs/infrastructure.md,
// start.js and the tests agree. Change a port here and in the docs table together.
'use strict';
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const DATA_DIR = process.env.LINKWAY_DATA_DIR || path.join(ROOT, '.linkway');

const DEFAULT_PORTS = { postgres: 5432, redis: 6379, nats: 4222 };
const HOST = '127.0.0.1';

// Hub topology (npm start). These never reuse the machine's NATS: it has no JetStream domain.
const ICS_NATS_PORT = 4300;
const ICS_LEAF_PORT = 7422;
const ICS_HTTP_PORT = 8300;
const MAX_HUBS = 3;

// The services of a hub, with k in the health-port scheme 3200 + 10*(N-1) + k.
const HUB_SERVICES = [
  { app: 'referral-intake', k: 1 },
  { app: 'casework', k: 2 },
  { app: 'partner-directory', k: 3 },
  { app: 'outcomes', k: 4 },
];

const hubId = (n) => `hub${n}`;

function hubPorts(n) {
  if (!Number.isInteger(n) || n < 1 || n > MAX_HUBS) throw new Error(`hub number must be 1..${MAX_HUBS}, got ${n}`);
  return {
    natsClient: ICS_NATS_PORT + n, // 4301, 4302, 4303
    natsHttp: ICS_HTTP_PORT + n, // 8301, 8302, 8303
    gateway: 3000 + n - 1, // 3000, 3001, 3002
    service: (k) => 3200 + 10 * (n - 1) + k, // hub1 3201..3204, hub2 3211..3214
  };
}

const FEDERATION_PORT = 3100;

function dataPath(...parts) {
  return path.join(DATA_DIR, ...parts);
}

module.exports = {
  ROOT,
  DATA_DIR,
  DEFAULT_PORTS,
  HOST,
  ICS_NATS_PORT,
  ICS_LEAF_PORT,
  ICS_HTTP_PORT,
  MAX_HUBS,
  HUB_SERVICES,
  FEDERATION_PORT,
  hubId,
  hubPorts,
  dataPath,
};
