/**
 * A file on disk as the engine's ByteSource: read by range with fs.readSync, so a large numeric file is parsed in
 * chunks and never held whole. If the file's size or modification time changes after it was opened, reads fail
 * with a clear message instead of exporting rows that are no longer the ones analysed.
 */
import { fstatSync, openSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import { EngineError } from '../lib/engine/errors';
import { fileChanged, type ByteSource } from '../lib/engine/data/byte-source';

export function fileSource(path: string): ByteSource {
	let fd: number;
	try {
		fd = openSync(path, 'r');
	} catch (err) {
		throw new EngineError('empty-file', `Cannot read "${path}": ${(err as Error).message}.`, 'Check the path given to --input.');
	}
	const opened = fstatSync(fd);
	const readInto = (target: Uint8Array, offset: number, start: number, end: number) => {
		const now = fstatSync(fd);
		if (now.size !== opened.size || now.mtimeMs !== opened.mtimeMs) throw fileChanged(basename(path));
		for (let off = 0; off < end - start; ) {
			const n = readSync(fd, target, offset + off, end - start - off, start + off);
			if (n === 0) throw fileChanged(basename(path));
			off += n;
		}
	};
	return {
		size: opened.size,
		read(start, end) {
			const out = new Uint8Array(Math.max(0, end - start));
			readInto(out, 0, start, end);
			return out;
		},
		readInto
	};
}
