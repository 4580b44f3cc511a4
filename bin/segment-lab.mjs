#!/usr/bin/env node
// The `segment-lab` command: runs the built bundle (engine + command line, `npm run build`); no TypeScript at run time.
let bundle;
try {
	bundle = await import('../dist/cli/segment-lab.mjs');
} catch (err) {
	if (err?.code !== 'ERR_MODULE_NOT_FOUND' || !String(err.message).includes('dist/cli/segment-lab.mjs')) throw err;
	console.error('segment-lab: the command line is not built in this checkout: run `npm run build` first.');
	process.exit(1);
}
await bundle.start(process.argv.slice(2));
