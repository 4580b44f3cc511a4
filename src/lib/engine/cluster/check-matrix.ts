/** Input checks shared by hierarchical clustering, DBSCAN and Gaussian mixtures. */
import { EngineError } from '../errors';

/** Throws a clear EngineError unless X is a finite rows × cols row-major matrix with at least one row. */
export function checkMatrix(X: Float64Array, rows: number, cols: number, what: string): void {
	if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 1 || cols < 1 || X.length !== rows * cols) {
		throw new EngineError('bad-parameter',
			`${what} needs a non-empty table of numbers (got ${rows} rows × ${cols} columns, ${X.length} values).`,
			'Choose at least one feature column and check that some rows remain after preparation.');
	}
	for (let i = 0; i < X.length; i++) {
		if (!Number.isFinite(X[i])) {
			throw new EngineError('bad-parameter',
				`Row ${Math.floor(i / cols) + 1}, feature ${(i % cols) + 1} is ${X[i]}; ${what} needs finite numbers.`,
				'Impute or drop missing values in the preparation step before clustering.');
		}
	}
}
