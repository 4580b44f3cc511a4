/**
 * Parquet through hyparquet (pure JavaScript, reads from an ArrayBuffer in a worker), rows as arrays. Read one
 * row group at a time, so progress (rows and bytes) is reported and Cancel is honoured between groups.
 */
import { parquetMetadata, parquetReadObjects, parquetSchema } from 'hyparquet';
import { EngineError } from '../errors';
import type { RunControl } from '../progress';
import { subProgress, throwIfAborted } from '../progress';
import type { Table } from '../types';
import { tableFromRecords } from './records-table';

export async function parseParquet(bytes: Uint8Array, name: string, control: RunControl = {}): Promise<Table> {
	const file = (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer : bytes.slice().buffer) as ArrayBuffer;
	let names: string[];
	const rows: unknown[][] = [];
	const onProgress = subProgress(control.onProgress, 0, 0.6);
	try {
		const metadata = parquetMetadata(file);
		names = parquetSchema(metadata).children.map((c) => c.element.name);
		const total = Number(metadata.num_rows);
		const groups = metadata.row_groups;
		const groupBytes = groups.map((g) => Number(g.total_compressed_size ?? g.total_byte_size));
		const allBytes = groupBytes.reduce((a, b) => a + b, 0) || 1;
		const mb = (x: number) => (x / 2 ** 20).toFixed(1);
		let start = 0, doneBytes = 0;
		for (let g = 0; g < groups.length; g++) {
			throwIfAborted(control.signal);
			const n = Number(groups[g].num_rows);
			const objects = await parquetReadObjects({ file, metadata, rowStart: start, rowEnd: start + n });
			for (const o of objects) rows.push(names.map((k) => (o as Record<string, unknown>)[k]));
			start += n;
			doneBytes += groupBytes[g];
			onProgress?.({
				stage: `Reading ${name}: ${start.toLocaleString('en')} of ${total.toLocaleString('en')} rows (row group ${g + 1} of ${groups.length}, ${mb(doneBytes)} of ${mb(allBytes)} MB)`,
				fraction: doneBytes / allBytes
			});
		}
	} catch (err) {
		if (err instanceof EngineError) throw err;
		throw new EngineError('binary-file', `"${name}" could not be read as Parquet: ${(err as Error).message}.`, 'Check the file is complete; files compressed with an unusual codec may need re-saving with Snappy or no compression.');
	}
	return tableFromRecords(name, names, rows, { kind: 'parquet' }, { ...control, onProgress: subProgress(control.onProgress, 0.6, 1) });
}
