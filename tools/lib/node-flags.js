// Node flags for every Linkway process that runs an app (npm start, the Docker image, the test
// harness; the CLI takes CLI_NODE_FLAGS below). Together they are what brings one hub's five
// processes under 600 MB RSS, at rest and after the intake load (bench/run-all.hub.ts):
//  - --max-semi-space-size=2: a 2 MB young-generation semi-space instead of V8's default 16 MB
//    keeps each idle service ~30 MB smaller; our handlers allocate little per request, so the
//    extra scavenges cost little.
//  - --heap-growing-percent=25: with small semi-spaces a request's objects outlive two
//    scavenges and are promoted (~30 KB a referral at the gateway), and on a machine with
//    plenty of RAM V8 lets old space grow to up to 4x the live heap before its next full GC:
//    the gateway's old space went from 37 to 80–90 MB during the intake load, nearly all of it
//    garbage (a forced GC found 37 MB live). Growing by 25 % past the live heap keeps it near
//    50 MB; the extra full GCs did not show in CPU per request. It only paces collections, it
//    caps nothing, so a large CSV import still gets all the heap it needs.
//  - --v8-pool-size=1: one V8 background thread (concurrent marking, compilation) instead of
//    four; each thread keeps its own stack and malloc arena (~5 MB a process at rest), and a
//    hub's five processes share two cores anyway.
'use strict';
const SERVICE_NODE_FLAGS = ['--max-semi-space-size=2', '--heap-growing-percent=25', '--v8-pool-size=1'];

/**
 * The operator CLI's (tools/linkway.js): the same without the 2 MB semi-space. A command is a
 * batch job, not a resident process, so an idle footprint does not matter, and an import
 * allocates for every row: with 2 MB semi-spaces GC was 32 % of a 30,000-row import's CPU
 * profile against 18 % with V8's default, and the import ran 1,584–1,706 against
 * 1,689–2,001 rows/s in alternating runs (bench/intake), for 126 → 159 MB peak RSS.
 */
const CLI_NODE_FLAGS = SERVICE_NODE_FLAGS.filter((flag) => !flag.startsWith('--max-semi-space-size='));

/**
 * What the benches start services with: the shipped flags, then BENCH_NODE_FLAGS (space
 * separated), e.g. `BENCH_NODE_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof"` to profile the
 * services under load (Node refuses --cpu-prof in NODE_OPTIONS).
 */
const benchServiceFlags = () => [
  ...SERVICE_NODE_FLAGS,
  ...(process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean),
];

module.exports = { SERVICE_NODE_FLAGS, CLI_NODE_FLAGS, benchServiceFlags };
