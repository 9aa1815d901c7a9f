/** Prints `ready`, then `tick <n>` every 20 ms: shows whether the process runs. */
let n = 0;
process.stdout.write(`ready ${process.env['GREETING'] ?? ''}\n`);
setInterval(() => process.stdout.write(`tick ${++n}\n`), 20);
