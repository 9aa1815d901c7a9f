// Which processes `npm start` runs, on which ports, with which environment. A pure
// function of the infra result, so the port scheme can be tested without starting anything.
'use strict';
const { HOST, HUB_SERVICES, FEDERATION_PORT, hubPorts } = require('./layout');

const path = require('node:path');
const { ROOT } = require('./layout');

const HUB_NAMES = ['Northfield Community Links', 'Riverside Social Prescribing', 'Moorland Connect'];

// Three archetypes with three home-environment models, so the ICS comparison shows real
// differences: PCN link workers + embedded specialist, community centre + universal
// screening, VCSE connector + brokered referral (infra/demo/hubN-profile.json).
const demoProfileFile = (n) => path.join(ROOT, 'infra', 'demo', `hub${n}-profile.json`);
const HUB_POPULATIONS = [52_000, 61_000, 38_000];

/**
 * infra: { hubs: [{ id, n, natsUrl, jsDomain, databaseUrl, redisUrl, redisPrefix }], ics: { url }, federationDatabaseUrl, redis: { url } }
 * Returns [{ label, app, port, env }]; env holds only Linkway's variables (merge with process.env).
 */
function appPlan(infra) {
  const plan = [];
  for (const hub of infra.hubs) {
    const ports = hubPorts(hub.n);
    const hubEnv = {
      HUB_ID: hub.id,
      HUB_NAME: HUB_NAMES[hub.n - 1] || `Demo hub ${hub.n}`,
      DATABASE_URL: hub.databaseUrl,
      REDIS_URL: hub.redisUrl,
      REDIS_PREFIX: hub.redisPrefix,
      NATS_URL: hub.natsUrl,
      NATS_JS_DOMAIN: hub.jsDomain,
      HUB_PROFILE_FILE: demoProfileFile(hub.n),
      HUB_POPULATION: String(HUB_POPULATIONS[hub.n - 1] || 40_000),
      HOST,
    };
    plan.push({ label: `${hub.id}/gateway`, app: 'gateway', hub: hub.id, port: ports.gateway, env: { ...hubEnv, PORT: String(ports.gateway) } });
    for (const { app, k } of HUB_SERVICES) {
      const port = ports.service(k);
      plan.push({ label: `${hub.id}/${app}`, app, hub: hub.id, port, env: { ...hubEnv, PORT: String(port) } });
    }
  }
  plan.push({
    label: 'ics/federation',
    app: 'federation',
    hub: null,
    port: FEDERATION_PORT,
    env: {
      HUB_ID: 'ics',
      HUB_NAME: 'ICS federation',
      DATABASE_URL: infra.federationDatabaseUrl,
      REDIS_URL: infra.redis.url,
      REDIS_PREFIX: 'linkway:ics',
      NATS_URL: infra.ics.url,
      NATS_JS_DOMAIN: 'ics',
      FEDERATION_HUBS: infra.hubs.map((h) => h.id).join(','),
      HOST,
      PORT: String(FEDERATION_PORT),
    },
  });
  return plan;
}

function healthUrl(entry) {
  return `http://${HOST}:${entry.port}/health`;
}

module.exports = { appPlan, healthUrl, HUB_NAMES };
