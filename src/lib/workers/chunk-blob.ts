/**
 * A Blob from a producer of text chunks (export/csv-writer.ts), built as it goes: every quarter-megabyte of text
 * become a Blob of their own (its bytes leave for the browser's blob store), and the result is a Blob of those
 * Blobs, which Chromium joins by reference. `new Blob([...chunks])` held every chunk's string and then their UTF-8
 * bytes in this thread at once — for the 1,000,000-row results file, several hundred megabytes at the peak.
 * The bytes are the same: each part is encoded on its own, as each chunk was before, and chunks end between rows.
 */

/**
 * Characters of text gathered before they become one part: small enough that the chunks die young in the
 * collector (4 MB parts left the 1,000,000-row export's peak about 75 MB higher, measured with the journey bench).
 */
export const PART_CHARS = 2 ** 18;

export function blobOfChunks(chunks: Iterable<string>, type: string, partChars = PART_CHARS): Blob {
	const blobs: Blob[] = [];
	let texts: string[] = [];
	let size = 0;
	for (const c of chunks) {
		texts.push(c);
		size += c.length;
		if (size >= partChars) {
			blobs.push(new Blob(texts));
			texts = [];
			size = 0;
		}
	}
	if (texts.length) blobs.push(new Blob(texts));
	return new Blob(blobs, { type });
}
