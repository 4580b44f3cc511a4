/**
 * Whether a file can be loaded on this device, decided from its size before reading a byte, so the user hears
 * "too large" instead of watching the tab crash. Two limits: V8 cannot hold a string over 2^29 − 24 characters
 * (the source text is kept for byte-exact exports), and the parsed table plus the transient copies while parsing
 * need a multiple of the file's size in memory — measured by bench/parse.bench.ts for CSV, rougher elsewhere.
 */
import { EngineError } from '../errors';
import type { FileFormat } from './format';

export const MAX_TEXT_CHARS = 2 ** 29 - 24;

/** Peak memory as a multiple of the file size, by format (CSV measured; the others allow for decompression). */
const PEAK_FACTOR: Record<FileFormat, number> = { delimited: 3.5, json: 8, ndjson: 8, xlsx: 20, parquet: 12 };

/** navigator.deviceMemory is in GiB, capped at 8 and absent outside Chromium; 4 is a cautious default. */
export function memoryBudget(deviceMemoryGiB: number | undefined): number {
	const gib = deviceMemoryGiB && deviceMemoryGiB > 0 ? deviceMemoryGiB : 4;
	// A tab gets a fraction of the device's memory; half of it is the most a worker can count on.
	return Math.min(gib, 8) * 2 ** 30 * 0.5;
}

export function guessFormat(name: string): FileFormat {
	if (/\.xlsx?$/i.test(name)) return 'xlsx';
	if (/\.parquet$/i.test(name)) return 'parquet';
	if (/\.json$/i.test(name)) return 'json';
	if (/\.(ndjson|jsonl)$/i.test(name)) return 'ndjson';
	return 'delimited';
}

export function checkFitsInMemory(name: string, bytes: number, deviceMemoryGiB?: number, format: FileFormat = guessFormat(name)): void {
	const mb = (x: number) => `${Math.round(x / 2 ** 20).toLocaleString('en')} MB`;
	if (format !== 'parquet' && format !== 'xlsx' && bytes > MAX_TEXT_CHARS) {
		throw new EngineError(
			'too-large',
			`"${name}" is ${mb(bytes)}: larger than the ${mb(MAX_TEXT_CHARS)} of text a browser can hold at once, so it was not read.`,
			'Load a sample or a subset of the columns, or use the segment-lab command line, which reads files of any size your computer can hold.'
		);
	}
	const need = bytes * PEAK_FACTOR[format];
	const budget = memoryBudget(deviceMemoryGiB);
	if (need > budget) {
		throw new EngineError(
			'too-large',
			`"${name}" is ${mb(bytes)}; reading it would need about ${mb(need)} of memory, more than this device can safely give the page (about ${mb(budget)}${deviceMemoryGiB ? `, as it reports ${deviceMemoryGiB} GB of memory` : ''}). It was not read.`,
			'Load a sample of the rows or only the columns you need, or run the segment-lab command line on a computer with more memory.'
		);
	}
}
