const CANDIDATES = [',', ';', '\t', '|'];

/**
 * Guesses the delimiter from the first lines: the candidate that splits them into the same number (> 1) of fields
 * most consistently, counting only characters outside double quotes. Ties go to the order above (comma first).
 * Returns ',' when nothing splits the lines (a one-column file).
 */
export function detectDelimiter(text: string, maxLines = 30): string {
	const lines = firstLines(text, maxLines);
	let best = ',', bestScore = 0;
	// Every candidate counted in one pass per line (a wide file's lines are hundreds of kB each).
	const perLine = lines.map(countCandidates);
	for (let di = 0; di < CANDIDATES.length; di++) {
		const d = CANDIDATES[di];
		const counts = perLine.map((c) => c[di]);
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
		const c = text.charCodeAt(i);
		if (c === 34) inQuotes = !inQuotes;
		else if (!inQuotes && (c === 10 || c === 13)) {
			if (i > start) out.push(text.slice(start, i));
			if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
			start = i + 1;
		}
	}
	if (out.length < maxLines && start < text.length) out.push(text.slice(start, Math.min(text.length, start + 100_000)));
	return out.filter((l) => l.trim() !== '');
}

/** Occurrences of each candidate outside double quotes, in CANDIDATES order. */
function countCandidates(line: string): number[] {
	const codes = CANDIDATES.map((d) => d.charCodeAt(0));
	const n = [0, 0, 0, 0];
	let q = false;
	for (let i = 0; i < line.length; i++) {
		const c = line.charCodeAt(i);
		if (c === 34) q = !q;
		else if (!q) {
			if (c === codes[0]) n[0]++;
			else if (c === codes[1]) n[1]++;
			else if (c === codes[2]) n[2]++;
			else if (c === codes[3]) n[3]++;
		}
	}
	return n;
}
