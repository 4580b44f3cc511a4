// Built command line only (vite.cli.config.ts aliases `hyparquet` here): the package is loaded on first use, so a
// CSV run does not pay for the Parquet reader at start-up.
import { createRequire } from 'node:module';

type Hyparquet = typeof import('hyparquet');
let mod: Hyparquet | undefined;
const load = (): Hyparquet => (mod ??= createRequire(import.meta.url)('hyparquet') as Hyparquet);

export const parquetMetadata: Hyparquet['parquetMetadata'] = (...a) => load().parquetMetadata(...a);
export const parquetSchema: Hyparquet['parquetSchema'] = (...a) => load().parquetSchema(...a);
export const parquetReadObjects: Hyparquet['parquetReadObjects'] = (...a) => load().parquetReadObjects(...a);
