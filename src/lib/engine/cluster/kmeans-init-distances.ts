/**
 * Squared distances of every row to one row of X, for k-means++ (kmeans-init.ts): out[i] = min(prev[i], ‖X_i − X_row‖²)
 * (or the distance alone when prev is null); returns their sum. Exact differences rather than sklearn's norm
 * expansion: the same values up to rounding, with no cancellation.
 *
 * Loops written out for 2 to 8 features run about 3.5× faster than the general loop on small data (a 150 × 7
 * k-means++ start; bench in #19), where the starts are a large share of the time. Up to 7 features they add the squares in the
 * general loop's order (left to right), so every distance is bit for bit the general loop's; 8 features keep
 * their own pairing, as before.
 */
export function distancesToRow(
	X: Float64Array, rows: number, cols: number, row: number, prev: Float64Array | null, out: Float64Array
): number {
	const r = row * cols;
	let total = 0;
	switch (cols) {
		case 2: {
			const c0 = X[r], c1 = X[r + 1];
			for (let i = 0, o = 0; i < rows; i++, o += 2) {
				const d0 = X[o] - c0, d1 = X[o + 1] - c1;
				let s = d0 * d0; s += d1 * d1;
				if (prev !== null && prev[i] < s) s = prev[i];
				out[i] = s;
				total += s;
			}
			return total;
		}
		case 3: {
			const c0 = X[r], c1 = X[r + 1], c2 = X[r + 2];
			for (let i = 0, o = 0; i < rows; i++, o += 3) {
				const d0 = X[o] - c0, d1 = X[o + 1] - c1, d2 = X[o + 2] - c2;
				let s = d0 * d0; s += d1 * d1; s += d2 * d2;
				if (prev !== null && prev[i] < s) s = prev[i];
				out[i] = s;
				total += s;
			}
			return total;
		}
		case 4: {
			const c0 = X[r], c1 = X[r + 1], c2 = X[r + 2], c3 = X[r + 3];
			for (let i = 0, o = 0; i < rows; i++, o += 4) {
				const d0 = X[o] - c0, d1 = X[o + 1] - c1, d2 = X[o + 2] - c2, d3 = X[o + 3] - c3;
				let s = d0 * d0; s += d1 * d1; s += d2 * d2; s += d3 * d3;
				if (prev !== null && prev[i] < s) s = prev[i];
				out[i] = s;
				total += s;
			}
			return total;
		}
		case 5: {
			const c0 = X[r], c1 = X[r + 1], c2 = X[r + 2], c3 = X[r + 3], c4 = X[r + 4];
			for (let i = 0, o = 0; i < rows; i++, o += 5) {
				const d0 = X[o] - c0, d1 = X[o + 1] - c1, d2 = X[o + 2] - c2, d3 = X[o + 3] - c3, d4 = X[o + 4] - c4;
				let s = d0 * d0; s += d1 * d1; s += d2 * d2; s += d3 * d3; s += d4 * d4;
				if (prev !== null && prev[i] < s) s = prev[i];
				out[i] = s;
				total += s;
			}
			return total;
		}
		case 6: {
			const c0 = X[r], c1 = X[r + 1], c2 = X[r + 2], c3 = X[r + 3], c4 = X[r + 4], c5 = X[r + 5];
			for (let i = 0, o = 0; i < rows; i++, o += 6) {
				const d0 = X[o] - c0, d1 = X[o + 1] - c1, d2 = X[o + 2] - c2, d3 = X[o + 3] - c3, d4 = X[o + 4] - c4, d5 = X[o + 5] - c5;
				let s = d0 * d0; s += d1 * d1; s += d2 * d2; s += d3 * d3; s += d4 * d4; s += d5 * d5;
				if (prev !== null && prev[i] < s) s = prev[i];
				out[i] = s;
				total += s;
			}
			return total;
		}
		case 7: {
			const c0 = X[r], c1 = X[r + 1], c2 = X[r + 2], c3 = X[r + 3], c4 = X[r + 4], c5 = X[r + 5], c6 = X[r + 6];
			for (let i = 0, o = 0; i < rows; i++, o += 7) {
				const d0 = X[o] - c0, d1 = X[o + 1] - c1, d2 = X[o + 2] - c2, d3 = X[o + 3] - c3, d4 = X[o + 4] - c4, d5 = X[o + 5] - c5, d6 = X[o + 6] - c6;
				let s = d0 * d0; s += d1 * d1; s += d2 * d2; s += d3 * d3; s += d4 * d4; s += d5 * d5; s += d6 * d6;
				if (prev !== null && prev[i] < s) s = prev[i];
				out[i] = s;
				total += s;
			}
			return total;
		}
		case 8: {
			const c0 = X[r], c1 = X[r + 1], c2 = X[r + 2], c3 = X[r + 3], c4 = X[r + 4], c5 = X[r + 5], c6 = X[r + 6], c7 = X[r + 7];
			for (let i = 0, o = 0; i < rows; i++, o += 8) {
				const d0 = X[o] - c0, d1 = X[o + 1] - c1, d2 = X[o + 2] - c2, d3 = X[o + 3] - c3;
				const d4 = X[o + 4] - c4, d5 = X[o + 5] - c5, d6 = X[o + 6] - c6, d7 = X[o + 7] - c7;
				let s = d0 * d0 + d1 * d1 + d2 * d2 + d3 * d3 + (d4 * d4 + d5 * d5 + d6 * d6 + d7 * d7);
				if (prev !== null && prev[i] < s) s = prev[i];
				out[i] = s;
				total += s;
			}
			return total;
		}
	}
	const c = X.slice(r, r + cols);
	for (let i = 0, o = 0; i < rows; i++, o += cols) {
		let s = 0;
		for (let j = 0; j < cols; j++) {
			const d = X[o + j] - c[j];
			s += d * d;
		}
		if (prev !== null && prev[i] < s) s = prev[i];
		out[i] = s;
		total += s;
	}
	return total;
}

/**
 * Every row's distancesToRow at once, rows × rows (row r's distances at r·rows): for small data with many restarts,
 * where each start would otherwise recompute the same distances dozens of times (a 150-row run: about 160 passes a
 * restart over k = 2..10, 300 restarts). Each entry is distancesToRow's own value, so reading them changes nothing.
 */
export function pairwiseToRows(X: Float64Array, rows: number, cols: number): Float64Array {
	const D = new Float64Array(rows * rows);
	for (let r = 0; r < rows; r++) distancesToRow(X, rows, cols, r, null, D.subarray(r * rows, (r + 1) * rows));
	return D;
}

/** distancesToRow read from pairwiseToRows: out[i] = min(prev[i], D[row, i]); returns the sum, in the same order. */
export function distancesFromPairwise(D: Float64Array, rows: number, row: number, prev: Float64Array | null, out: Float64Array): number {
	const o = row * rows;
	let total = 0;
	for (let i = 0; i < rows; i++) {
		let s = D[o + i];
		if (prev !== null && prev[i] < s) s = prev[i];
		out[i] = s;
		total += s;
	}
	return total;
}
