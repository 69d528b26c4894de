#!/usr/bin/env node
// The installed `homeward` command: runs the compiled CLI from dist/.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/server/cli/bin.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('homeward: not built yet. Run "npm run build" in the Homeward folder first.\n');
  process.exit(1);
}
await import(entry.href);
