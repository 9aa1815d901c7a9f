// Tests of the infra, start and test scripts (tools/test). Unit specs need nothing running;
// integration specs start real nats-server/redis-server/postgres on free ports.
module.exports = require('../../jest.preset').projectJestConfig(__dirname);
