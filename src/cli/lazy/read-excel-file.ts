// Built command line only (vite.cli.config.ts aliases `read-excel-file/universal` here): loaded on first use.
import { createRequire } from 'node:module';

type Reader = typeof import('read-excel-file/universal').default;
let mod: Reader | undefined;
const load = (): Reader => (mod ??= (createRequire(import.meta.url)('read-excel-file/universal') as { default: Reader }).default);

const readXlsxFile = ((...a: Parameters<Reader>) => (load() as (...b: Parameters<Reader>) => ReturnType<Reader>)(...a)) as Reader;
export default readXlsxFile;
