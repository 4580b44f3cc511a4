// Built command line only (vite.cli.config.ts aliases `papaparse` here): loaded on the first quoted cell it reads.
import { createRequire } from 'node:module';

type Papa = typeof import('papaparse');
let mod: Papa | undefined;
const load = (): Papa => (mod ??= createRequire(import.meta.url)('papaparse') as Papa);

const Papa = { parse: ((...a: unknown[]) => (load().parse as (...b: unknown[]) => unknown)(...a)) as Papa['parse'] };
export default Papa;
