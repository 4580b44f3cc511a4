/**
 * UMAP (McInnes, Healy & Melville 2018) through umap-js, the PAIR-code port of the reference Python `umap-learn`.
 * Seeded by handing it our Rng (umap-js otherwise falls back to Math.random), and stepped one epoch at a time
 * like tsneSteps so a worker can stream positions, pause and cancel. Defaults as umap-learn: 15 neighbours,
 * min_dist 0.1; epochs as umap-js chooses (500 below 10,000 rows, 200 above).
 */
import { UMAP } from 'umap-js';
import { EngineError } from '../errors';
import { Rng } from '../random';

export interface UmapOptions {
	nNeighbors?: number;
	minDist?: number;
	nEpochs?: number;
}

export interface UmapFrame {
	iteration: number;
	nIter: number;
	/** Positions n × 2, row-major (a fresh copy; reading costs a pass over the embedding, so only when shown). */
	read(): Float64Array;
}

export function* umapSteps(X: Float64Array, rows: number, cols: number, options: UmapOptions, control: { seed: number }): Generator<UmapFrame, Float64Array> {
	const nNeighbors = Math.min(options.nNeighbors ?? 15, rows - 1);
	if (rows < 3 || nNeighbors < 2) throw new EngineError('too-few-rows', `UMAP needs at least 3 rows (got ${rows}).`, 'Use PCA for very small tables.');
	const rng = new Rng(control.seed);
	const umap = new UMAP({ nComponents: 2, nNeighbors, minDist: options.minDist ?? 0.1, nEpochs: options.nEpochs, random: () => rng.next() });
	const data: number[][] = new Array(rows);
	for (let i = 0; i < rows; i++) data[i] = Array.from(X.subarray(i * cols, (i + 1) * cols));
	const nIter = umap.initializeFit(data);
	const read = (): Float64Array => {
		const e = umap.getEmbedding();
		const Y = new Float64Array(2 * rows);
		for (let i = 0; i < rows; i++) {
			Y[2 * i] = e[i][0];
			Y[2 * i + 1] = e[i][1];
		}
		return Y;
	};
	yield { iteration: 0, nIter, read };
	for (let it = 1; it <= nIter; it++) {
		umap.step();
		yield { iteration: it, nIter, read };
	}
	return read();
}
