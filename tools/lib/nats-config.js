// Renders infra/nats/*.conf for a local run. Those files use NATS config variables
// ($NATS_PORT...), which nats-server itself resolves from the environment in
// docker-compose; here we substitute them so .linkway/nats/<name>.conf shows the exact
// config a local server runs with.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { ROOT, ICS_NATS_PORT, ICS_LEAF_PORT, ICS_HTTP_PORT, HOST, hubId, hubPorts } = require('./layout');

const TEMPLATES = { ics: path.join(ROOT, 'infra', 'nats', 'ics.conf'), leaf: path.join(ROOT, 'infra', 'nats', 'leaf.conf') };

/** NATS config value: numbers bare, everything else quoted (paths and URLs contain ':' and '/'). */
function natsValue(value) {
  if (typeof value === 'number' || /^\d+$/.test(String(value))) return String(value);
  return JSON.stringify(String(value));
}

/** Replaces every `$NATS_X` with vars.NATS_X; an unknown variable is an error, not a silent blank. */
function renderTemplate(text, vars) {
  return text.replace(/\$(NATS_[A-Z_]+)/g, (_, name) => {
    if (!(name in vars)) throw new Error(`NATS template needs ${name}`);
    return natsValue(vars[name]);
  });
}

function icsVars({ storeDir, host = HOST, port = ICS_NATS_PORT, leafPort = ICS_LEAF_PORT, httpPort = ICS_HTTP_PORT, serverName = 'linkway-ics' }) {
  return { NATS_SERVER_NAME: serverName, NATS_HOST: host, NATS_PORT: port, NATS_HTTP_PORT: httpPort, NATS_LEAF_PORT: leafPort, NATS_STORE_DIR: storeDir };
}

function leafVars({ hub, storeDir, host = HOST, port, httpPort, icsLeafUrl = `nats-leaf://${HOST}:${ICS_LEAF_PORT}`, serverName }) {
  const n = Number(String(hub).replace(/^hub/, ''));
  const ports = Number.isInteger(n) && n >= 1 ? hubPorts(n) : null;
  const id = typeof hub === 'number' ? hubId(hub) : hub;
  return {
    NATS_SERVER_NAME: serverName || `linkway-${id}`,
    NATS_HOST: host,
    NATS_PORT: port ?? ports.natsClient,
    NATS_HTTP_PORT: httpPort ?? ports.natsHttp,
    NATS_JS_DOMAIN: id,
    NATS_STORE_DIR: storeDir,
    NATS_ICS_LEAF_URL: icsLeafUrl,
  };
}

function renderIcs(options) {
  return renderTemplate(fs.readFileSync(TEMPLATES.ics, 'utf8'), icsVars(options));
}

function renderLeaf(options) {
  return renderTemplate(fs.readFileSync(TEMPLATES.leaf, 'utf8'), leafVars(options));
}

module.exports = { TEMPLATES, renderTemplate, renderIcs, renderLeaf, icsVars, leafVars, natsValue };
