#!/usr/bin/env node
// Yipan command line. Runs the TypeScript sources directly through tsx, so it works in a checkout.
import { setTimeout } from 'node:timers';
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
const code = await main(process.argv.slice(2));
process.exitCode = code;
// Exit even if a connection pool or socket is still winding down; the timer does not keep us alive.
setTimeout(() => process.exit(code), 2000).unref();
