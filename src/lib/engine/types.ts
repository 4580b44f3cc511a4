/**
 * The engine's shared data shapes. Numeric data is row-major Float64Array with `rows` and `cols`; missing is NaN.
 */

export type ColumnKind = 'numeric' | 'categorical' | 'boolean' | 'datetime' | 'id' | 'constant' | 'empty';

/** One column of a Table, stored columnar. */
export interface Column {
	name: string;
	/** Every cell parsed as a number; NaN where the cell is blank or not a number. */
	numbers: Float64Array;
	/**
	 * Dictionary codes of the raw text (-1 = blank), or null when the column has too many distinct values. A numeric
	 * column's codes, and a text column's numbers (all NaN), are made when first read (data/lazy-column.ts).
	 */
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
	/** How formatted numbers were read ("12 formatted number(s): currency signs removed"), for the column's reason. */
	formats?: string;
	/** Spreadsheet error values (#N/A, #VALUE!, …) read as missing (already counted in `missing`). */
	errorValues?: number;
	/** The first few (up to 5) 0-based rows holding one, for messages. */
	errorRows?: number[];
	/** Non-blank cells read as missing (NA, N/A, NaN, null, -, ?, #N/A, inf, …: data/missing-tokens.ts), most frequent first. */
	missingTokens?: { token: string; count: number }[];
}

/**
 * Where each row's original text sits, so exports can copy rows byte-for-byte untouched.
 * Row i (0-based, data rows only) is text.slice(rowStart[i], rowEnd[i]), without its line ending.
 * For a large clean numeric file `text` is a getter that reads and decodes the file again each time it is read
 * (data/file-source.ts): read it once into a local, and only where the rows' text is really needed (exports).
 */
export interface SourceText {
	readonly text: string;
	/** The fingerprint hash of `text` when the loader already computed it (fingerprint.ts). */
	hash?: string;
	header: string;
	delimiter: string;
	newline: string;
	/** Uint32Array where every offset fits (the byte fast path on files under 4 GB), to halve their memory. */
	rowStart: Offsets;
	rowEnd: Offsets;
	/**
	 * text.slice(start, end) without building `text` (a file kept on disk reads just that range): what exports use,
	 * so a file too large for one string can still be written out. Absent = slice `text`.
	 */
	slice?(start: number, end: number): string;
}

/** Character offsets into a source text. */
export type Offsets = Float64Array | Uint32Array;

export interface Table {
	name: string;
	rowCount: number;
	columns: Column[];
	source: SourceText;
	/** Notes on what the parser did (renamed headers, skipped lines, decoding). Shown to the user. */
	notes: string[];
	/** How the file was read: format, text encoding, delimiter, sheet. Absent for tables built in code. */
	format?: SourceFormat;
	/** Input lines that did not become rows, and why (offsets into source.text). */
	skipped?: SkippedRows;
}

export interface SourceFormat {
	kind: 'delimited' | 'xlsx' | 'parquet' | 'json' | 'ndjson';
	encoding?: string;
	delimiter?: string;
	decimal?: '.' | ',';
	/** Sheets of a workbook, and the one that was read. */
	sheets?: string[];
	sheet?: string;
	/** Whether the typed fast path read the file (clean numeric delimited text). */
	fastPath?: boolean;
}

export type SkipReason = 'too-many-fields' | 'one-field' | 'unbalanced-quote' | 'conflict-marker' | 'repeated-header' | 'bad-record' | 'not-json' | 'not-an-object';

/**
 * Input by what became of it: always total = header + rows + blank + skipped. Counted in physical lines for
 * delimited text and NDJSON; in array items for a JSON array (unit 'items': header and blank are 0).
 */
export interface LineAccount {
	unit?: 'lines' | 'items';
	total: number;
	header: number;
	rows: number;
	blank: number;
	skipped: number;
}

export interface SkippedRows {
	/** Skipped records (a record may span several lines when a quoted field holds newlines). */
	count: number;
	byReason: Partial<Record<SkipReason, number>>;
	/** Record i is source.text.slice(start[i], end[i]), starting on 1-based line line[i], skipped for reason[i]. */
	start: Float64Array;
	end: Float64Array;
	line: Float64Array;
	reason: SkipReason[];
	lines: LineAccount;
	/**
	 * The skipped records' own text, for formats whose Table source is a synthesised CSV (JSON, NDJSON): there
	 * start/end are offsets into the original text, which is not kept, so the text travels here instead.
	 */
	texts?: string[];
	/** What `line` counts: physical lines (default) or, for a JSON array, the item's 1-based position. */
	lineUnit?: 'line' | 'item';
}

export interface NumericStats {
	min: number;
	max: number;
	mean: number;
	std: number;
	median: number;
	/** Fisher–Pearson moment coefficient g1 (the biased one, scipy.stats.skew's default); 0 for a constant column. */
	skewness: number;
}

export interface ColumnProfile {
	name: string;
	index: number;
	kind: ColumnKind;
	/** The kind inferred from the data (equals `kind` unless the user overrode it in the Recipe). */
	inferredKind: ColumnKind;
	/** Why the kind was inferred (or that the user chose it), in words. */
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
	/** Heavily right-skewed and never negative: log1p is worth suggesting. */
	suggestLog1p: boolean;
	/** Skewness of log1p(x) (same estimator), for the "log1p applied: skew 14.2 → 0.4" chip; absent when x < 0 somewhere. */
	skewAfterLog1p?: number;
	/** Heavily skewed with negative values: the Yeo-Johnson transform is offered (log1p is undefined there). */
	suggestYeoJohnson?: boolean;
	/** Share of filled cells holding the most frequent value (from the dictionary; absent past its cap). */
	dominantShare?: number;
	/** Non-blank cells read as missing, by token as written (already counted in `missing`). */
	missingTokens?: { token: string; count: number }[];
}

/** Where each table row ended up after preparation. */
export const RowStatus = {
	clustered: 0,
	droppedMissing: 1,
	/** An outlier rule with action "set aside": not clustered, kept in the export. */
	setAsideOutlier: 2,
	/** An outlier rule with action "flag only": clustered, and marked in the export. */
	flaggedOutlier: 3,
	/** Left out of the run by the user (rows selected on the map; the Recipe's `exclude`). */
	excluded: 4,
	/** With "distinct rows only": the same feature values as an earlier row, which was clustered for both. */
	repeat: 5
} as const;
export type RowStatusCode = (typeof RowStatus)[keyof typeof RowStatus];

export const rowStatusLabel: Record<RowStatusCode, string> = {
	0: 'clustered',
	1: 'dropped: missing value',
	2: 'set aside: outlier',
	3: 'clustered, flagged: outlier',
	4: 'left out: excluded by the user',
	5: 'repeat: segment of its first occurrence'
};

export type ScaleMethod = 'zscore' | 'minmax' | 'robust' | 'none';
export type MissingStrategy = 'drop' | 'mean' | 'median' | 'mode' | 'constant';
export type OutlierMethod = 'none' | 'iqr' | 'zscore';
export type OutlierAction = 'flag' | 'clip' | 'setAside';

export interface ScaleParams {
	/** Per matrix column. */
	methods: ScaleMethod[];
	/** Subtracted from each column. */
	center: Float64Array;
	/** Each column is divided by this (1 where a column is constant). */
	scale: Float64Array;
}

/** What preparation fitted for one feature (a source column). Plain JSON-able values except where typed. */
export interface FittedFeature {
	name: string;
	/** numeric: the column's numbers; categorical: one-hot indicators of `levels`. */
	encoding: 'numeric' | 'categorical';
	missing: MissingStrategy;
	/** The value that replaced missing cells (a number, or a level for categorical), null under "drop". */
	fill: number | string | null;
	/** Clip bounds from the percentile transform, in the column's original units, or null. */
	clip: [number, number] | null;
	log1p: boolean;
	/** The fitted Yeo-Johnson lambda, when that transform was chosen (absent or null otherwise). */
	yeoJohnson?: number | null;
	/** Outlier bounds on the transformed values (before scaling), or null when no rule applies. */
	outlierBounds: [number, number] | null;
	/** One-hot levels in matrix order (categorical only). */
	levels: string[] | null;
	/** Index of this feature's first matrix column, and how many it has (1, or the number of levels). */
	offset: number;
	width: number;
}

/** Preparation parameters as fitted on the data: outputs, never silently refitted (applyFittedPrep reuses them). */
export interface FittedPrep {
	features: string[];
	/** Name of every matrix column ("spend", or "region=North" for one-hot indicators). */
	columns: string[];
	perFeature: FittedFeature[];
	outliers: { method: OutlierMethod; threshold: number; action: OutlierAction };
	scale: ScaleParams;
	/** Per matrix column, multiplied in after scaling (one-hot indicators carry weight/√2, see encode.ts). */
	weights: Float64Array;
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
	/** With "distinct rows only": per table row, the table row it repeats (status repeat), else −1. */
	repeatOf?: Int32Array;
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
	/** Restarts made: nInit, or fewer when an early-stop rule ended the run (kmeans-restarts.ts). */
	restarts?: number;
}
