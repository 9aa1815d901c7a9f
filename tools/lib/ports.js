// Port helpers. "Free" means we can bind it ourselves right now, which is the only
// test that matters before handing the port to a server we start.
'use strict';
const net = require('node:net');

function isPortFree(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** A port the OS says is free now (racy by nature; good enough for a server we start next). */
function ephemeralPort(host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ port: 0, host }, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * `count` different free ports. Every port stays bound until all are picked: asking
 * for port 0 again after closing the last one can hand out that same port.
 */
async function freePorts(count, host = '127.0.0.1') {
  const servers = [];
  try {
    for (let i = 0; i < count; i++) {
      const server = net.createServer();
      servers.push(server);
      await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen({ port: 0, host }, resolve);
      });
    }
    return servers.map((server) => server.address().port);
  } finally {
    await Promise.all(
      servers.map(
        (server) => new Promise((resolve) => (server.listening ? server.close(resolve) : resolve())),
      ),
    );
  }
}

/** The preferred port when it is free, else any free one: keeps well-known ports when we can. */
async function preferredOrFreePort(preferred, host = '127.0.0.1') {
  if (await isPortFree(preferred, host)) return preferred;
  return ephemeralPort(host);
}

module.exports = { isPortFree, ephemeralPort, freePorts, preferredOrFreePort };
