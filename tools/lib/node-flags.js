// Node flags for every Linkway process that runs an app (npm start, the Docker image, the CLI,
// the test harness). A 2 MB young-generation semi-space instead of V8's default 16 MB keeps each
// idle service ~30 MB smaller, which is what brings one hub's five processes under 600 MB;
// our request handlers allocate little per request, so the extra scavenges cost little.
'use strict';
const SERVICE_NODE_FLAGS = ['--max-semi-space-size=2'];

module.exports = { SERVICE_NODE_FLAGS };
