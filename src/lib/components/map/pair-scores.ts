/**
 * Two columns of the PCA scores as the scatter's x, y pairs (Float32: screen positions), made in slices of
 * SLICE rows with a turn of the event loop between them: at 1,000,000 rows the whole pass took 12–35 ms of one
 * main-thread task, on top of building the Map view. `stale()` true: stop and resolve null (the axes changed).
 */
import { pairRows, type PcaView } from '$lib/engine/project/pca-view';

const SLICE = 200_000;

export async function pairScores(view: Pick<PcaView, 'scores' | 'dims'>, a: number, b: number, stale: () => boolean): Promise<Float32Array | null> {
	const n = view.scores.length / view.dims;
	const out = new Float32Array(2 * n);
	for (let from = 0; from < n; from += SLICE) {
		if (from > 0) {
			await new Promise((resolve) => setTimeout(resolve));
			if (stale()) return null;
		}
		pairRows(out, view, a, b, from, Math.min(n, from + SLICE));
	}
	return out;
}
