/**
 * Frozen copy of the results CSV's writer before the export was sped up (2026-12-07): the per-row cell list and
 * the trigger scan by one-character strings. tests/unit/results-csv-equivalence.test.ts checks that the current
 * code writes the same bytes. Do not edit.
 */
const PLAIN_NUMBER = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$/;
const TRIGGERS = '=+-@\t\r';

/** True when a cell's text would be read as a formula. */
function isDangerous(cell: string): boolean {
	return cell.length > 0 && TRIGGERS.includes(cell[0]) && !PLAIN_NUMBER.test(cell.trim());
}

/** A value we write ourselves (a segment name): neutralised, then quoted when it holds the delimiter, a quote or a line break. */
function safeCell(value: string, delimiter: string): string {
	if (isDangerous(value)) return `"'${value.replace(/"/g, '""')}"`;
	if (value.includes(delimiter) || /["\r\n]/.test(value)) return `"${value.replace(/"/g, '""')}"`;
	return value;
}

/**
 * One original row (its text without the line ending) with only its dangerous cells rewritten. Rows without any
 * trigger character are returned as they are (the common case, and byte-for-byte).
 */
export function neutraliseRowV1(row: string, delimiter: string): string {
	let hit = false;
	for (let i = 0; i < row.length; i++) {
		if (TRIGGERS.includes(row[i]) && row[i] !== delimiter) {
			hit = true;
			break;
		}
	}
	if (!hit) return row;
	let out = '';
	let pos = 0;
	let changed = false;
	while (pos <= row.length) {
		let end: number;
		let value: string;
		if (row[pos] === '"') {
			// Quoted field: "" is an escaped quote; the field ends at the closing quote (then the delimiter).
			let j = pos + 1;
			value = '';
			while (j < row.length) {
				if (row[j] === '"') {
					if (row[j + 1] === '"') {
						value += '"';
						j += 2;
						continue;
					}
					break;
				}
				value += row[j++];
			}
			end = row.indexOf(delimiter, j + 1);
			if (end < 0) end = row.length;
		} else {
			end = row.indexOf(delimiter, pos);
			if (end < 0) end = row.length;
			value = row.slice(pos, end);
		}
		const raw = row.slice(pos, end);
		if (isDangerous(value)) {
			out += `"'${value.replace(/"/g, '""')}"`;
			changed = true;
		} else out += raw;
		if (end >= row.length) break;
		out += delimiter;
		pos = end + delimiter.length;
		if (pos === row.length) break;
	}
	return changed ? out : row;
}

type Cell = string | number | null | undefined;

function cellV1(v: Cell, delimiter: string): string {
	if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
	if (v === null || v === undefined) return '';
	return safeCell(v, delimiter);
}

const statusLabel: Record<number, string> = {
	0: 'clustered',
	1: 'dropped: missing value',
	2: 'set aside: outlier',
	3: 'clustered, flagged: outlier',
	4: 'left out: excluded by the user',
	5: 'repeat: segment of its first occurrence'
};

/** The old results file's data rows (no header), one string, from the rows' texts and the run's per-row values. */
export function resultsRowsV1(
	rows: string[],
	a: { rowIndex: Int32Array; status: Uint8Array; labels: Int32Array; names?: string[]; repeatOf?: Int32Array; extra?: { values: ArrayLike<number> }[] },
	delimiter: string,
	newline: string
): string {
	const n = rows.length;
	const segmentOf = new Int32Array(n).fill(-2);
	for (let r = 0; r < a.rowIndex.length; r++) segmentOf[a.rowIndex[r]] = a.labels[r];
	if (a.repeatOf) for (let i = 0; i < n; i++) if (a.repeatOf[i] >= 0) segmentOf[i] = segmentOf[a.repeatOf[i]];
	const extra = a.extra ?? [];
	const clusteredRow = new Int32Array(n).fill(-1);
	for (let r = 0; r < a.rowIndex.length; r++) clusteredRow[a.rowIndex[r]] = r;
	if (a.repeatOf) for (let i = 0; i < n; i++) if (a.repeatOf[i] >= 0) clusteredRow[i] = clusteredRow[a.repeatOf[i]];
	let out = '';
	for (let i = 0; i < n; i++) {
		const s = segmentOf[i];
		const cells: Cell[] = [s >= 0 ? s + 1 : s === -1 ? -1 : null];
		if (a.names) cells.push(s >= 0 ? (a.names[s] ?? '') : '');
		cells.push(statusLabel[a.status[i]]);
		for (const e of extra) cells.push(clusteredRow[i] >= 0 ? e.values[clusteredRow[i]] : NaN);
		let line = neutraliseRowV1(rows[i], delimiter);
		for (const c of cells) line += delimiter + cellV1(c, delimiter);
		out += line + newline;
	}
	return out;
}
