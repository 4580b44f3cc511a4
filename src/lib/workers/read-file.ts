/**
 * Reads a File or Blob inside the worker in chunks (progress in bytes; the pool cancels by terminating the worker),
 * after checking the file can fit in this device's memory, then hands the bytes to the engine's loader.
 */
import { checkFitsInMemory } from '../engine/data/memory';
import { loadTable, type LoadOptions } from '../engine/data/load';
import type { ProgressFn } from '../engine/progress';
import { subProgress } from '../engine/progress';
import type { Table } from '../engine/types';

const CHUNK = 8 * 2 ** 20;

export async function readBlob(blob: Blob, name: string, onProgress?: ProgressFn): Promise<Uint8Array> {
	const bytes = new Uint8Array(blob.size);
	// Small files in kB, so a 17-byte file does not read "0.0 of 0.0 MB".
	const size = (x: number) => (blob.size < 2 ** 20 ? `${(x / 1024).toFixed(1)}` : (x / 2 ** 20).toFixed(x < 10 * 2 ** 20 ? 1 : 0));
	const unit = blob.size < 2 ** 20 ? 'kB' : 'MB';
	for (let off = 0; off < blob.size; off += CHUNK) {
		const part = new Uint8Array(await blob.slice(off, Math.min(blob.size, off + CHUNK)).arrayBuffer());
		bytes.set(part, off);
		onProgress?.({ stage: `Reading ${name}: ${size(off + part.length)} of ${size(blob.size)} ${unit}`, fraction: (off + part.length) / blob.size });
	}
	return bytes;
}

export async function loadBlob(blob: Blob, name: string, options: LoadOptions = {}, onProgress?: ProgressFn): Promise<Table> {
	const deviceMemory = (globalThis.navigator as { deviceMemory?: number } | undefined)?.deviceMemory;
	checkFitsInMemory(name, blob.size, deviceMemory);
	const box = { bytes: await readBlob(blob, name, subProgress(onProgress, 0, 0.3)) as Uint8Array | null };
	return loadTable(box, name, options, { onProgress: subProgress(onProgress, 0.3, 1) });
}
