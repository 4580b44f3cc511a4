import type { SourceText } from '../types';

/**
 * Row i's text for rows read in order: from `text` when the source holds it, otherwise (a file kept on disk) read
 * in blocks of about a megabyte through `slice`, never the whole file.
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

const BLOCK = 1 << 20;
