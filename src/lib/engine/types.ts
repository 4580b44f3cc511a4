/**
 * The engine's shared data shapes. Numeric data is row-major Float64Array with `rows` and `cols`; missing is NaN.
 */

export type ColumnKind = 'numeric' | 'categorical' | 'boolean' | 'datetime' | 'id' | 'constant' | 'empty';

/** One column of a Table, stored columnar. */
export interface Column {
	name: string;
	/** Every cell parsed as a number; NaN where the cell is blank or not a number. */
	numbers: Float64Array;
	/** Dictionary codes of the raw text (-1 = blank), or null when the column has too many distinct values. */
	codes: Int32Array | null;
	/** The distinct non-blank texts that `codes` index, in order of first appearance. */
	levels: string[] | null;
	/** Blank cells. */
	missing: number;
	/** Non-blank cells that are not numbers (0 for a clean numeric column). */
	nonNumeric: number;
	/** Distinct non-blank values (exact up to the dictionary cap, a lower bound above it). */
	distinct: number;
	/** True when `distinct` is exact. */
	distinctExact: boolean;
}

/**
 * Where each row's original text sits, so exports can copy rows byte-for-byte untouched.
 * Row i (0-based, data rows only) is text.slice(rowStart[i], rowEnd[i]), without its line ending.
 */
export interface SourceText {
	text: string;
	header: string;
	delimiter: string;
	newline: string;
	rowStart: Float64Array;
	rowEnd: Float64Array;
}

export interface Table {
	name: string;
	rowCount: number;
	columns: Column[];
	source: SourceText;
	/** Notes on what the parser did (renamed headers, skipped lines, decoding). Shown to the user. */
	notes: string[];
}

export interface NumericStats {
	min: number;
	max: number;
	mean: number;
	std: number;
	median: number;
}

export interface ColumnProfile {
	name: string;
	index: number;
	kind: ColumnKind;
	/** Why the kind was inferred, in words. */
	reason: string;
	missing: number;
	distinct: number;
	distinctExact: boolean;
	stats: NumericStats | null;
	/** Most frequent values (for categorical-like columns). */
	top: { value: string; count: number }[];
	/** A small histogram of numeric values: bin edges (length bins+1) and counts. */
	histogram: { edges: number[]; counts: number[] } | null;
	warnings: string[];
	/** Whether a new analysis should use this column as a feature by default. */
	suggestedFeature: boolean;
}

/** Where each table row ended up after preparation. */
export const RowStatus = {
	clustered: 0,
	droppedMissing: 1
} as const;
export type RowStatusCode = (typeof RowStatus)[keyof typeof RowStatus];

export const rowStatusLabel: Record<RowStatusCode, string> = {
	0: 'clustered',
	1: 'dropped: missing value'
};

export interface ScaleParams {
	method: 'zscore' | 'minmax' | 'none';
	/** Subtracted from each column. */
	center: Float64Array;
	/** Each column is divided by this (1 where a column is constant). */
	scale: Float64Array;
}

export interface ImputeParams {
	/** Per feature: the value that replaced missing cells, or NaN when rows with a missing value were dropped. */
	fill: Float64Array;
}

/** Preparation parameters as fitted on the data: outputs, never silently refitted. */
export interface FittedPrep {
	features: string[];
	impute: ImputeParams;
	scale: ScaleParams;
}

export interface FeatureMatrix {
	/** Row-major rows × cols, prepared (imputed, scaled). */
	data: Float64Array;
	rows: number;
	cols: number;
	/** Table row of each matrix row. */
	rowIndex: Int32Array;
	/** Status of every table row (length = table.rowCount). */
	status: Uint8Array;
	fitted: FittedPrep;
}

export interface KMeansResult {
	k: number;
	labels: Int32Array;
	/** k × cols, row-major, in the prepared (scaled) space. */
	centers: Float64Array;
	inertia: number;
	iterations: number;
	/** Whether the best run converged before maxIter. */
	converged: boolean;
	/** The restart that won (0-based). */
	bestRestart: number;
}
