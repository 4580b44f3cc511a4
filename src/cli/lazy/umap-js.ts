// Built command line only (vite.cli.config.ts aliases `umap-js` here): loaded when a UMAP is first made.
import { createRequire } from 'node:module';

type UmapModule = typeof import('umap-js');
let mod: UmapModule | undefined;
const load = (): UmapModule => (mod ??= createRequire(import.meta.url)('umap-js') as UmapModule);

export const UMAP = function (this: unknown, ...a: ConstructorParameters<UmapModule['UMAP']>) {
	return new (load().UMAP)(...a);
} as unknown as UmapModule['UMAP'];
