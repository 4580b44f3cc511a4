/**
 * CSV-injection neutralisation (OWASP "CSV Injection"): a cell that begins with = + - @, a tab or a carriage
 * return can run as a formula when the file is opened in a spreadsheet. Such a cell is prefixed with a single
 * quote and quoted, unless it is a plain number (−12.5 stays a number). Every other cell keeps its bytes.
 */

const PLAIN_NUMBER = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$/;
const TRIGGERS = '=+-@\t\r';

/** True when a cell's text would be read as a formula. */
export function isDangerous(cell: string): boolean {
	return cell.length > 0 && TRIGGERS.includes(cell[0]) && !PLAIN_NUMBER.test(cell.trim());
}

/** A value we write ourselves (a segment name): neutralised, then quoted when it holds the delimiter, a quote or a line break. */
export function safeCell(value: string, delimiter: string): string {
	if (isDangerous(value)) return `"'${value.replace(/"/g, '""')}"`;
	if (value.includes(delimiter) || /["\r\n]/.test(value)) return `"${value.replace(/"/g, '""')}"`;
	return value;
}

/**
 * One original row (its text without the line ending) with only its dangerous cells rewritten. Rows without any
 * trigger character are returned as they are (the common case, and byte-for-byte).
 */
export function neutraliseRow(row: string, delimiter: string): string {
	if (delimiter.length === 1 && !triggerAtCellStart(row, delimiter)) return row;
	if (!hasTrigger(row, delimiter)) return row;
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

/**
 * True when any character of the row is one of TRIGGERS other than the delimiter itself: a scan of char codes
 * (a million rows of the results file go through it; a one-character string per character made it the export's
 * hottest function).
 */
function hasTrigger(row: string, delimiter: string): boolean {
	const d = delimiter.length === 1 ? delimiter.charCodeAt(0) : -1;
	for (let i = 0; i < row.length; i++) {
		const c = row.charCodeAt(i);
		if (isTrigger(c) && c !== d) return true;
	}
	return false;
}

/** TRIGGERS by char code (= + - @ tab carriage return), for the scans of a million rows. */
const isTrigger = (c: number) => c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13;

/**
 * False when no cell of the row can start with a trigger: a cell's value starts at the row's start or just after
 * a delimiter (one more character in when the cell is quoted), so only those characters are read (indexOf finds
 * the delimiters; every occurrence is looked at, inside quotes too, so no cell start is missed). When false, the
 * rewriting below would change nothing. Single-character delimiters only.
 */
function triggerAtCellStart(row: string, delimiter: string): boolean {
	for (let pos = 0; ; ) {
		let c = row.charCodeAt(pos);
		if (c === 34) c = row.charCodeAt(pos + 1);
		if (isTrigger(c)) return true;
		const d = row.indexOf(delimiter, pos);
		if (d < 0) return false;
		pos = d + 1;
	}
}
