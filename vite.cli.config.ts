/**
 * The command line as one JavaScript bundle (engine + command) for Node: `npm run build` runs this after the
 * page's build. dist/cli/segment-lab.mjs is what bin/segment-lab.mjs loads; the t-SNE helper thread is its own
 * entry, written beside it under the name tsne-threads.ts looks for. Packages in "dependencies" stay imports.
 */
import { builtinModules } from 'node:module';
import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { dependencies: Record<string, string> };
const deps = Object.keys(pkg.dependencies);

export default defineConfig({
	// Nothing of the page: no plugins, no public folder.
	publicDir: false,
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
			input: { 'segment-lab': 'src/cli/program.ts', 'tsne-helper-entry': 'src/cli/tsne-helper.ts' },
			external: (id) => id.startsWith('node:') || builtinModules.includes(id) || deps.some((d) => id === d || id.startsWith(`${d}/`)),
			output: { format: 'es', entryFileNames: '[name].mjs', chunkFileNames: '[name].mjs' }
		}
	},
	ssr: { target: 'node', noExternal: true }
});
