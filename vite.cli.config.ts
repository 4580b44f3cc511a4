/**
 * The command line as one JavaScript bundle (engine + command) for Node: `npm run build` runs this after the
 * page's build. dist/cli/segment-lab.mjs is what bin/segment-lab.mjs loads; the t-SNE helper thread is its own
 * entry, written beside it under the name tsne-threads.ts looks for. Packages in "dependencies" stay imports.
 */
import { builtinModules } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { dependencies: Record<string, string> };
const deps = Object.keys(pkg.dependencies);

// Packages a CSV run never touches are loaded on first use (src/cli/lazy/), not at start-up.
const lazy = ['hyparquet', 'read-excel-file/universal', 'umap-js', 'papaparse'];
const lazyFile = (id: string) => fileURLToPath(new URL(`./src/cli/lazy/${id.split('/')[0]}.ts`, import.meta.url));

export default defineConfig({
	// Nothing of the page: no plugins, no public folder.
	publicDir: false,
	resolve: { alias: lazy.map((id) => ({ find: new RegExp(`^${id}$`), replacement: lazyFile(id) })) },
	logLevel: 'warn',
	build: {
		ssr: true,
		outDir: 'dist/cli',
		emptyOutDir: true,
		target: 'node20',
		minify: false,
		sourcemap: false,
		copyPublicDir: false,
		reportCompressedSize: false,
		rollupOptions: {
			input: { 'segment-lab': 'src/cli/program.ts', 'tsne-helper-entry': 'src/cli/tsne-helper.ts', 'kmeans-helper-entry': 'src/cli/kmeans-helper.ts' },
			external: (id) => !lazy.includes(id) && (id.startsWith('node:') || builtinModules.includes(id) || deps.some((d) => id === d || id.startsWith(`${d}/`))),
			output: { format: 'es', entryFileNames: '[name].mjs', chunkFileNames: '[name].mjs' }
		}
	},
	ssr: { target: 'node', noExternal: true }
});
