/**
 * The projection's coordinates as a CSV (segment-lab project --out): the table row (1-based), the id column if
 * there is one, and the two coordinates, through the one CSV writer (an id like `=HYPERLINK(…)` is neutralised).
 */
import { CsvWriter, type CsvChunks } from './csv-writer';

export interface ProjectionRows {
	/** Table row (0-based) of each projected point. */
	tableRows: ArrayLike<number>;
	/** Interleaved x, y per point. */
	coords: ArrayLike<number>;
	/** The coordinate columns' names, e.g. ['tsne_x', 'tsne_y']. */
	names: [string, string];
	/** The id column's name and its text per table row, when the data has one. */
	id?: { name: string; texts: string[] };
}

export function* projectionCsvChunks(p: ProjectionRows): CsvChunks {
	const w = new CsvWriter();
	w.row(['row', ...(p.id ? [p.id.name] : []), ...p.names]);
	for (let t = 0; t < p.tableRows.length; t++) {
		const r = p.tableRows[t];
		if (p.id) w.row([r + 1, p.id.texts[r], p.coords[2 * t], p.coords[2 * t + 1]]);
		else w.row([r + 1, p.coords[2 * t], p.coords[2 * t + 1]]);
		if (w.full) yield w.take();
	}
	yield w.take();
}
