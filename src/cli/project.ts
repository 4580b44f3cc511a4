/**
 * `segment-lab project`: the projection view's coordinates from the command line. Same preparation as `run`
 * (default recipe, or --columns / --scale / --missing), then PCA, t-SNE or UMAP from engine/project with the
 * same seed handling as the page's worker, so the numbers match the browser's for the same file and options.
 */
import { cellTexts } from '../lib/engine/data/cell-text';
import { fingerprint } from '../lib/engine/data/fingerprint';
import { projectionCsvChunks } from '../lib/engine/export/projection-csv';
import { readTable } from './input';
import { checkWritable, say, stdoutCarriesData, writeOutput } from './io';
import { profileTable } from '../lib/engine/data/profile';
import { checkAlgorithm, parseFlags } from './flag-table';
import { PROJECT_SPEC, type ProjectArgs } from './project-args';
import { prepare } from '../lib/engine/prep/prepare';
import { pcaView, scorePairExact } from '../lib/engine/project/pca-view';
import { EMBED_MAX_ROWS, stratifiedSample } from '../lib/engine/project/stratified-sample';
import { tsne } from '../lib/engine/project/tsne';
import { umapSteps } from '../lib/engine/project/umap';
import { Rng } from '../lib/engine/random';
import { defaultRecipe, validateRecipe, type Recipe } from '../lib/engine/recipe';
import { requireSkippedAccepted } from '../lib/engine/data/skipped';
import { withRepulsionHelper } from './tsne-threads';

export async function projectCommand(argv: string[]): Promise<number> {
	const v = parseFlags(PROJECT_SPEC, argv) as unknown as ProjectArgs;
	const method = v.method ?? 'pca';
	checkAlgorithm(PROJECT_SPEC, v as unknown as Record<string, unknown>, method);
	const seed = v.seed ?? 0;
	stdoutCarriesData(v.out === '-');
	checkWritable([v.out]);
	const table = await readTable(v.input);
	// As for run: unreadable lines are named, and the projection goes on only with --accept-skipped.
	requireSkippedAccepted(table, v.acceptSkipped ? table.skipped?.count : 0, 'pass --accept-skipped');
	const recipe = defaultRecipe(fingerprint(table), profileTable(table));
	if (v.columns) recipe.features = v.columns;
	if (v.scale) recipe.prep.scale = v.scale as Recipe['prep']['scale'];
	if (v.missing) recipe.prep.missing = v.missing as Recipe['prep']['missing'];
	recipe.seed = seed;
	validateRecipe(recipe);
	const m = prepare(table, recipe);
	const started = Date.now();
	let coords: Float64Array;
	let rows: Int32Array = Int32Array.from({ length: m.rows }, (_, i) => i);
	let names: [string, string];
	if (method === 'pca') {
		const view = pcaView(m.data, m.rows, m.cols, 2);
		coords = scorePairExact(view, 0, 1);
		names = ['pc1', 'pc2'];
		say(`PCA: PC1 and PC2 explain ${(view.explainedRatio[0] * 100).toFixed(1)}% and ${((view.explainedRatio[1] ?? 0) * 100).toFixed(1)}% of the variance.`);
	} else {
		const limit = v.maxRows ?? EMBED_MAX_ROWS;
		let data = m.data;
		if (limit > 0 && m.rows > limit) {
			rows = stratifiedSample(null, m.rows, limit, new Rng(seed ^ 0x5a5a));
			data = new Float64Array(rows.length * m.cols);
			rows.forEach((r, t) => data.set(m.data.subarray(r * m.cols, (r + 1) * m.cols), t * m.cols));
			say(`note: ${method === 'tsne' ? 't-SNE' : 'UMAP'} embeds a random sample of ${limit} of the ${m.rows} rows (--max-rows 0 embeds all).`);
		}
		const onProgress = process.stderr.isTTY ? (p: { stage: string; fraction: number }) => process.stderr.write(`\r${p.stage.padEnd(50)} ${Math.round(p.fraction * 100)}%`) : undefined;
		if (method === 'tsne') {
			const opts = { perplexity: v.perplexity ?? 30, nIter: v.iterations ?? 1000 };
			// Two threads (this one and a shared-memory helper): the same positions as one thread, bit for bit.
			coords = await withRepulsionHelper(rows.length, (shared) => tsne(data, rows.length, m.cols, opts, { seed, onProgress, shared }).slice());
			names = ['tsne_x', 'tsne_y'];
		} else {
			const gen = umapSteps(data, rows.length, m.cols, { nNeighbors: v.neighbors ?? 15 }, { seed });
			let r = gen.next();
			while (!r.done) {
				if (onProgress && r.value.iteration % 20 === 0) onProgress({ stage: `UMAP: epoch ${r.value.iteration} of ${r.value.nIter}`, fraction: r.value.iteration / r.value.nIter });
				r = gen.next();
			}
			coords = r.value;
			names = ['umap_x', 'umap_y'];
		}
		if (onProgress) process.stderr.write('\n');
	}
	const tableRows = Int32Array.from(rows, (r) => m.rowIndex[r]);
	const id = recipe.idColumn ? { name: recipe.idColumn, texts: cellTexts(table, recipe.idColumn) } : undefined;
	await writeOutput(v.out, projectionCsvChunks({ tableRows, coords, names, id }));
	say(`${table.name}: ${rows.length} rows projected with ${method} on ${m.cols} prepared features in ${Date.now() - started} ms${v.out === '-' ? '' : `; wrote ${v.out}`}.`);
	return 0;
}
