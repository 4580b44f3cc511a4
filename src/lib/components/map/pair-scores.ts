/**
 * Two columns of the PCA scores as the scatter's x, y pairs (Float32: screen positions), made in slices of
 * SLICE rows with a turn of the event loop between them: at 1,000,000 rows the whole pass took 12–35 ms of one
 * main-thread task, on top of building the Map view. `stale()` true: stop and resolve null (the axes changed).
 */
import type { PcaView } from '$lib/engine/project/pca-view';

const SLICE = 200_000;

export async function pairScores(view: Pick<PcaView, 'scores' | 'dims'>, a: number, b: number, stale: () => boolean): Promise<Float32Array | null> {
	const { scores, dims } = view;
	const n = scores.length / dims;
	const out = new Float32Array(2 * n);
	for (let from = 0; from < n; from += SLICE) {
		if (from > 0) {
			await new Promise((resolve) => setTimeout(resolve));
			if (stale()) return null;
		}
		const to = Math.min(n, from + SLICE);
		for (let i = from; i < to; i++) {
			out[2 * i] = scores[i * dims + a];
			out[2 * i + 1] = b < dims ? scores[i * dims + b] : 0;
		}
	}
	return out;
}
