/**
 * A stratified random sample of row indices: each stratum (segment) keeps its share of the rows, by largest
 * remainder (Hamilton's method), and every non-empty stratum keeps at least one row, so no segment vanishes
 * from a sampled t-SNE or UMAP view. Seeded; indices come back in increasing order.
 */
import type { Rng } from '../random';

/** Above this many rows t-SNE and UMAP embed a stratified sample of this size (and the page says so). */
export const EMBED_MAX_ROWS = 20_000;

export function stratifiedSample(strata: Int32Array | null, n: number, m: number, rng: Rng): Int32Array {
	if (m >= n) return Int32Array.from({ length: n }, (_, i) => i);
	if (!strata) return rng.sampleIndices(n, m);
	// Strata may hold −1 (unassigned rows): shift every label by one.
	let top = 0;
	for (let i = 0; i < n; i++) if (strata[i] + 1 > top) top = strata[i] + 1;
	const size = new Int32Array(top + 1);
	for (let i = 0; i < n; i++) size[strata[i] + 1]++;
	const quota = new Int32Array(top + 1);
	const rest: { s: number; frac: number }[] = [];
	let given = 0;
	for (let s = 0; s <= top; s++) {
		if (size[s] === 0) continue;
		const exact = (size[s] * m) / n;
		quota[s] = Math.max(1, Math.floor(exact));
		given += quota[s];
		rest.push({ s, frac: exact - Math.floor(exact) });
	}
	rest.sort((a, b) => b.frac - a.frac || a.s - b.s);
	for (let t = 0; given < m && t < rest.length; t++, given++) quota[rest[t].s]++;
	const members: Int32Array[] = [];
	const fill = new Int32Array(top + 1);
	for (let s = 0; s <= top; s++) members.push(new Int32Array(size[s]));
	for (let i = 0; i < n; i++) {
		const s = strata[i] + 1;
		members[s][fill[s]++] = i;
	}
	const out: number[] = [];
	for (let s = 0; s <= top; s++) {
		if (size[s] === 0) continue;
		const pick = rng.sampleIndices(size[s], Math.min(quota[s], size[s]));
		for (const p of pick) out.push(members[s][p]);
	}
	return Int32Array.from(out).sort();
}
