#!/usr/bin/env node
// The `segment-lab` command: TypeScript sources run through tsx, so the CLI and the page share one engine.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
