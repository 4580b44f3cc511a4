import type { SourceText } from '../types';

/**
 * Row i's text for rows read in order: from `text` when the source holds it, otherwise (a file kept on disk) read
 * through `slice` in blocks of about 64 K characters, never the whole file. Blocks of a megabyte were strings the
 * collector keeps with its old objects until a full collection (tens of megabytes at the peak of the 1,000,000-row
 * export); the file is still read a megabyte at a time (file-source.ts).
 */
export function rowReader(source: SourceText): (i: number) => string {
	const { rowStart, rowEnd } = source;
	if (!source.slice) {
		const text = source.text;
		return (i) => text.slice(rowStart[i], rowEnd[i]);
	}
	let block = '';
	let from = 0;
	let first = 0;
	let last = -1;
	return (i) => {
		if (i < first || i > last) {
			first = i;
			last = i;
			while (last + 1 < rowStart.length && rowEnd[last + 1] - rowStart[i] <= BLOCK) last++;
			from = rowStart[i];
			block = source.slice!(from, rowEnd[last]);
		}
		return block.slice(rowStart[i] - from, rowEnd[i] - from);
	};
}

const BLOCK = 1 << 16;
