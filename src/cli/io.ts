/**
 * The command line's input and output: `-` for standard input and output, files streamed in chunks (never one
 * string for a file), messages on standard output unless it carries data, then on standard error.
 */
import { accessSync, constants, createWriteStream, existsSync, mkdtempSync, renameSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { EngineError } from '../lib/engine/errors';
import type { ByteSource } from '../lib/engine/data/byte-source';
import { fileSource } from './file-source';

let dataOnStdout = false;

/** Standard output carries data (--out -, --json): messages go to standard error from now on. */
export function stdoutCarriesData(on: boolean): void {
	dataOnStdout = on;
}

/** A message for the user: standard output, or standard error when standard output carries data. */
export function say(...parts: unknown[]): void {
	(dataOnStdout ? console.error : console.log)(...parts);
}

const spooled: string[] = [];
const partial = new Set<string>();
// At exit (also after Ctrl-C, see program.ts): no copy of standard input and no half-written output is left behind.
process.once('exit', () => {
	for (const dir of spooled) rmSync(dir, { recursive: true, force: true });
	for (const part of partial) rmSync(part, { force: true });
});

/**
 * The input as a ByteSource and the name shown in messages. `-` copies standard input to a temporary file first, so
 * a piped file of any size is read in ranges like any other file (and the temporary copy is removed at exit).
 */
export async function openInput(path: string, flag = '--input'): Promise<{ source: ByteSource; name: string }> {
	if (path !== '-') return { source: fileSource(path), name: basename(path) };
	if (process.stdin.isTTY) throw new EngineError('empty-file', `${flag} - reads standard input, but nothing is piped in.`, 'Pipe a file in (`cat customers.csv | segment-lab run --input - …`) or give a file name.');
	const dir = mkdtempSync(join(tmpdir(), 'segment-lab-stdin-'));
	spooled.push(dir);
	const file = join(dir, 'stdin');
	await pipeline(process.stdin, createWriteStream(file));
	return { source: fileSource(file), name: 'stdin' };
}

const WHY: Record<string, string> = {
	ENOENT: 'its folder does not exist',
	ENOTDIR: 'its folder is not a folder',
	EACCES: 'permission denied',
	EPERM: 'permission denied',
	EROFS: 'the file system is read-only',
	EISDIR: 'it is a folder',
	ENOSPC: 'the disk is full',
	EDQUOT: 'the disk quota is used up'
};

function cannotWrite(path: string, err: unknown): EngineError {
	const code = (err as NodeJS.ErrnoException).code ?? '';
	return new EngineError('bad-parameter', `Cannot write "${path}": ${WHY[code] ?? (err as Error).message}.`, 'Check that the folder exists and can be written to, and that the disk has room.');
}

/** Before any work: every output's folder exists and can be written to, and no output is a folder. */
export function checkWritable(paths: (string | undefined)[]): void {
	for (const path of paths) {
		if (!path || path === '-') continue;
		try {
			if (existsSync(path) && statSync(path).isDirectory()) throw Object.assign(new Error('EISDIR'), { code: 'EISDIR' });
			const dir = dirname(path);
			if (!statSync(dir).isDirectory()) throw Object.assign(new Error('ENOTDIR'), { code: 'ENOTDIR' });
			accessSync(dir, constants.W_OK);
		} catch (err) {
			throw cannotWrite(path, err);
		}
	}
}

async function drain(stream: Writable, chunks: Iterable<string>): Promise<void> {
	for (const chunk of chunks) {
		if (chunk && !stream.write(chunk)) await once(stream, 'drain');
	}
}

/**
 * Writes chunks to a file with back-pressure (at most a few chunks in memory), or to standard output for `-`. A
 * file is written under a temporary name beside it and renamed when complete, so a failed run leaves no half file.
 */
export async function writeOutput(path: string, chunks: Iterable<string>): Promise<void> {
	if (path === '-') {
		await drain(process.stdout, chunks);
		return;
	}
	const part = join(dirname(path), `.${basename(path)}.${process.pid}.part`);
	const stream = createWriteStream(part);
	partial.add(part);
	try {
		await once(stream, 'open');
		await drain(stream, chunks);
		stream.end();
		await once(stream, 'finish');
		renameSync(part, path);
		partial.delete(part);
	} catch (err) {
		stream.destroy();
		try {
			unlinkSync(part);
		} catch {
			/* never created */
		}
		const fsError = err && typeof err === 'object' && 'syscall' in err;
		throw fsError ? cannotWrite(path, err) : err;
	}
}
