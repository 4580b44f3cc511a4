/**
 * Where a prepared matrix's values are allocated. By default an ordinary Float64Array; the engine worker runs
 * its cached preparation with an allocator of shared memory (workers/shared-matrix.ts), so the matrix is made
 * there once instead of being made here and then copied (a matrix's size less at the preparation's peak).
 */
export type MatrixAllocator = (length: number) => Float64Array;

const plain: MatrixAllocator = (length) => new Float64Array(length);
let current: MatrixAllocator = plain;

/** A zeroed matrix of `length` values from the allocator in force. */
export function newMatrix(length: number): Float64Array {
	return current(length);
}

/** Runs `fn` with `alloc` making the prepared matrices, then restores the previous allocator. */
export function withMatrixMemory<T>(alloc: MatrixAllocator, fn: () => T): T {
	const saved = current;
	current = alloc;
	try {
		return fn();
	} finally {
		current = saved;
	}
}
