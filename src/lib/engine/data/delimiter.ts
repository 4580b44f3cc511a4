const CANDIDATES = [',', ';', '\t', '|'];

/**
 * Guesses the delimiter from the first lines: the candidate that splits them into the same number (> 1) of fields
 * most consistently, counting only characters outside double quotes. Ties go to the order above (comma first).
 * Returns ',' when nothing splits the lines (a one-column file).
 */
export function detectDelimiter(text: string, maxLines = 30): string {
	const lines = firstLines(text, maxLines);
	let best = ',', bestScore = 0;
	for (const d of CANDIDATES) {
		const counts = lines.map((l) => countOutsideQuotes(l, d));
		const freq = new Map<number, number>();
		for (const c of counts) if (c > 0) freq.set(c, (freq.get(c) ?? 0) + 1);
		let modeCount = 0, mode = 0;
		for (const [c, f] of freq) if (f > modeCount || (f === modeCount && c > mode)) [mode, modeCount] = [c, f];
		// Share of lines agreeing with the most common field count, weighted slightly towards more fields.
		const score = lines.length ? (modeCount / lines.length) * (1 + Math.log1p(mode) / 10) : 0;
		if (score > bestScore) [best, bestScore] = [d, score];
	}
	return best;
}

function firstLines(text: string, maxLines: number): string[] {
	const out: string[] = [];
	let start = 0, inQuotes = false;
	for (let i = 0; i < text.length && out.length < maxLines; i++) {
		const c = text[i];
		if (c === '"') inQuotes = !inQuotes;
		else if (!inQuotes && (c === '\n' || c === '\r')) {
			if (i > start) out.push(text.slice(start, i));
			if (c === '\r' && text[i + 1] === '\n') i++;
			start = i + 1;
		}
	}
	if (out.length < maxLines && start < text.length) out.push(text.slice(start, Math.min(text.length, start + 100_000)));
	return out.filter((l) => l.trim() !== '');
}

function countOutsideQuotes(line: string, d: string): number {
	let n = 0, q = false;
	for (let i = 0; i < line.length; i++) {
		const c = line[i];
		if (c === '"') q = !q;
		else if (!q && c === d) n++;
	}
	return n;
}
