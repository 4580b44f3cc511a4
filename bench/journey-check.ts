/**
 * The journey's results file against its input: one line per input line, in order, each starting with the input
 * line as it was (the export copies rows byte for byte from the file, which the page no longer holds as text).
 */
import { readFileSync } from 'node:fs';

export function checkResults(inputPath: string, resultsPath: string): string {
	const input = readFileSync(inputPath, 'utf8').split('\n');
	const out = readFileSync(resultsPath, 'utf8').split('\n');
	if (out.length !== input.length) return `results CSV has ${out.length - 1} lines for ${input.length - 1} input lines: NOT the same rows`;
	for (let i = 0; i < input.length; i++) {
		const line = input[i], o = out[i];
		if (line === '' ? o !== '' : !(o.startsWith(line) && o[line.length] === ',')) return `results CSV line ${i + 1} does not start with input line ${i + 1}: rows changed`;
	}
	return `results CSV: ${(out.length - 2).toLocaleString('en')} rows, every input row copied unchanged, in order`;
}
