import type { FittedPrep } from '../types';
import { unscale } from './scale';
import { invertYeoJohnson } from './yeo-johnson';

/**
 * Points in the prepared space (e.g. k-means centres, rows × matrix columns) back to each feature's original
 * units (rows × features): undo the weight, the scaling and log1p. Clipping cannot be undone and needs not be.
 * A one-hot feature has no single original value, so it reports NaN (its segment shares are in the profiles).
 */
export function toFeatureUnits(Y: Float64Array, rows: number, fitted: FittedPrep): Float64Array {
	const cols = fitted.columns.length;
	const unweighted = new Float64Array(Y.length);
	for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) unweighted[i * cols + j] = Y[i * cols + j] / fitted.weights[j];
	const orig = unscale(unweighted, rows, cols, fitted.scale);
	const nf = fitted.perFeature.length;
	const out = new Float64Array(rows * nf);
	fitted.perFeature.forEach((f, j) => {
		for (let i = 0; i < rows; i++) {
			if (f.encoding !== 'numeric') out[i * nf + j] = NaN;
			else {
				const v = orig[i * cols + f.offset];
				out[i * nf + j] = f.log1p ? Math.expm1(v) : f.yeoJohnson != null ? invertYeoJohnson(v, f.yeoJohnson) : v;
			}
		}
	});
	return out;
}
