/**
 * A file the engine reads by byte range instead of holding it whole. Large clean numeric files are parsed
 * chunk by chunk from one of these and the Table keeps it (not the file's text) for byte-exact exports, so the
 * loaded table costs its columns and row offsets, not a second copy of the file. The reads are synchronous:
 * in a worker FileReaderSync reads a disk-backed File, in Node fs.readSync reads the file; both refuse (with a
 * clear message) when the file changed since it was loaded, because its rows would no longer be the ones analysed.
 */
import { EngineError } from '../errors';
import type { TextHash } from './fingerprint';

export interface ByteSource {
	readonly size: number;
	/** Bytes [start, end) of the file: a fresh array the caller may keep. */
	read(start: number, end: number): Uint8Array;
	/** Bytes [start, end) written into target at offset, where the source can do it without a new array. */
	readInto?(target: Uint8Array, offset: number, start: number, end: number): void;
	/**
	 * readInto for sources that read best as a stream (a Blob in a worker, read with a BYOB reader). Resolves to
	 * the array now holding the bytes: `target` or, when the reader took its buffer over, a view of the same memory.
	 */
	readIntoAsync?(target: Uint8Array, offset: number, start: number, end: number): Promise<Uint8Array>;
	/**
	 * Sources that can hash what they read on another thread: from now on, every byte the next sequential
	 * readIntoAsync calls hand out is fed to `hash` (in order) by the time the call that reaches the file's end
	 * resolves. Returns false when the caller must hash the bytes itself.
	 */
	hashReads?(hash: TextHash): boolean;
	/** Hands back an array read() returned, once the caller is done with it (frees its memory now, not at the next GC). */
	release?(bytes: Uint8Array): void;
}

/** Bytes already in memory (tests, and callers that have them anyway). */
export function memorySource(bytes: Uint8Array): ByteSource {
	return { size: bytes.length, read: (start, end) => bytes.slice(start, end) };
}

export function fileChanged(name: string): EngineError {
	return new EngineError(
		'file-changed',
		`"${name}" changed on disk (or was moved) after it was loaded, so its rows can no longer be copied into the export.`,
		'Load the file again, run the analysis, then export.'
	);
}
