/** Parquet through hyparquet (pure JavaScript, reads from an ArrayBuffer in a worker), rows as arrays. */
import { parquetMetadata, parquetReadObjects, parquetSchema } from 'hyparquet';
import { EngineError } from '../errors';
import type { RunControl } from '../progress';
import type { Table } from '../types';
import { tableFromRecords } from './records-table';

export async function parseParquet(bytes: Uint8Array, name: string, control: RunControl = {}): Promise<Table> {
	const file = (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer : bytes.slice().buffer) as ArrayBuffer;
	let names: string[];
	let objects: Record<string, unknown>[];
	try {
		const metadata = parquetMetadata(file);
		names = parquetSchema(metadata).children.map((c) => c.element.name);
		objects = await parquetReadObjects({ file, metadata });
	} catch (err) {
		throw new EngineError('binary-file', `"${name}" could not be read as Parquet: ${(err as Error).message}.`, 'Check the file is complete; files compressed with an unusual codec may need re-saving with Snappy or no compression.');
	}
	const rows = objects.map((o) => names.map((k) => o[k]));
	return tableFromRecords(name, names, rows, { kind: 'parquet' }, control);
}
