import { runCli } from './main.js';

// A reader that stops early (`homeward migrate | head -1`) closes the pipe; the
// lines after that have nowhere to go, which is not a failure of the command.
let stdoutOpen = true;
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  stdoutOpen = false;
});

const exitCode = await runCli(process.argv.slice(2), {
  out: (line) => {
    if (stdoutOpen) process.stdout.write(`${line}\n`);
  },
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
});
process.exitCode = exitCode;
