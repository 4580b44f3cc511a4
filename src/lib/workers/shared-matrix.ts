/**
 * The prepared matrix in shared memory, on a cross-origin-isolated page: the engine worker keeps it and the page
 * (the map, and the projection worker after it) receives views of the same memory instead of copies. Never
 * written after preparation. Elsewhere the matrix stays as it is (the page then gets a transferred copy).
 */
/** Whether a buffer is shared memory. Not `instanceof SharedArrayBuffer` alone: a page that is not
 * cross-origin isolated has no such global, and naming it there throws a ReferenceError. */
export function isShared(buffer: ArrayBufferLike): boolean {
	return typeof SharedArrayBuffer !== 'undefined' && buffer instanceof SharedArrayBuffer;
}

export function toShared(data: Float64Array): Float64Array {
	const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
	if (!isolated || typeof SharedArrayBuffer === 'undefined' || isShared(data.buffer) || data.length === 0) return data;
	const out = new Float64Array(new SharedArrayBuffer(data.byteLength));
	out.set(data);
	return out;
}

/** Allocates a zeroed matrix in shared memory on a cross-origin-isolated page, else an ordinary one. */
export function sharedZeros(length: number): Float64Array {
	const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
	if (!isolated || typeof SharedArrayBuffer === 'undefined' || length === 0) return new Float64Array(length);
	return new Float64Array(new SharedArrayBuffer(length * 8));
}
