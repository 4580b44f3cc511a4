import { badHeader } from './missing-tokens';

/**
 * Blank and duplicate header names are renamed (`column_3`, `a`, `a_2`, …) and the renaming is reported; a header
 * that reads like a missing or error value ("#N/A", "NaN", "null") is kept but flagged.
 */
export function uniqueHeaders(raw: string[]): { names: string[]; notes: string[] } {
	const seen = new Set<string>();
	const notes: string[] = [];
	const names = raw.map((h, i) => {
		let base = h.trim();
		if (badHeader(base) === 'token') notes.push(`Column ${i + 1} is named "${base}", which reads like a missing or error value, not a name: check the header row (a broken formula or a shifted export).`);
		if (base === '') {
			base = `column_${i + 1}`;
			notes.push(`Column ${i + 1} had no name; it is called "${base}".`);
		}
		let name = base;
		for (let n = 2; seen.has(name); n++) name = `${base}_${n}`;
		if (name !== base) notes.push(`The column name "${base}" appears more than once; the copy in column ${i + 1} is called "${name}".`);
		seen.add(name);
		return name;
	});
	return { names, notes };
}
