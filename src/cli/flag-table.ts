/**
 * One table per subcommand declares its flags (name, type, default, help, which algorithms it applies to); the
 * parser, the argument checks and `--help` all read that table, so adding a flag is one entry.
 */
import { EngineError } from '../lib/engine/errors';

export type FlagType = 'string' | 'path' | 'int' | 'number' | 'boolean' | 'choice' | 'list';

export interface FlagSpec {
	/** The flag without its dashes: `k-range`. */
	name: string;
	/** The property of the parsed arguments it fills (default: the name in camelCase). */
	key?: string;
	type: FlagType;
	/** The placeholder shown in help (`N`, `FILE`, `A..B`). */
	value?: string;
	/** choice: the allowed values. */
	choices?: readonly string[];
	/** int / number: inclusive bounds. */
	min?: number;
	max?: number;
	/** number: the lower bound is exclusive (eps > 0). */
	above?: number;
	/** What help prints as the default (text: defaults that depend on the data are described, not computed). */
	default?: string;
	required?: boolean;
	help: string;
	/** The algorithms (values of --algorithm) this flag applies to; absent = all. */
	algorithms?: readonly string[];
	/** Why the flag does not apply to the others, when that is not obvious from `algorithms`. */
	why?: string;
	/** Replaced by --recipe (a recipe carries this choice). */
	inRecipe?: boolean;
	/** A custom conversion of the raw text (throw argumentError on bad input). */
	parse?: (raw: string) => unknown;
}

export interface CommandSpec {
	name: string;
	summary: string;
	synopsis: string[];
	flags: FlagSpec[];
	examples: string[];
	notes?: string[];
	/** The flag whose value a FlagSpec's `algorithms` list refers to (default: algorithm). */
	selector?: string;
}

/** A mistake in the command line itself: reported as such, exit code 2. */
export class ArgumentError extends EngineError {
	constructor(message: string, command?: string) {
		super('bad-parameter', message, `Run \`segment-lab ${command ? `${command} ` : ''}--help\` for the options.`);
		this.name = 'ArgumentError';
	}
}

export const keyOf = (f: FlagSpec): string => f.key ?? f.name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

function closest(name: string, flags: FlagSpec[]): string | undefined {
	let best: string | undefined;
	let bestD = Infinity;
	for (const f of flags) {
		const d = editDistance(name, f.name);
		if (d < bestD) [best, bestD] = [f.name, d];
	}
	return bestD <= Math.max(1, Math.floor(name.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
	let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const cur = [i];
		for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
		prev = cur;
	}
	return prev[b.length];
}

function convert(f: FlagSpec, raw: string, command: string): unknown {
	const bad = (what: string): never => {
		throw new ArgumentError(`--${f.name} must be ${what}, not "${raw}".`, command);
	};
	if (f.parse) return f.parse(raw);
	switch (f.type) {
		case 'int': {
			const lo = f.min ?? 0;
			const range = f.max !== undefined ? `a whole number from ${lo} to ${f.max}` : `a whole number, ${lo} or more`;
			if (!/^[+-]?\d+$/.test(raw.trim())) bad(range);
			const v = Number(raw);
			if (v < lo || (f.max !== undefined && v > f.max) || !Number.isSafeInteger(v)) bad(range);
			return v;
		}
		case 'number': {
			const v = raw.trim() === '' ? NaN : Number(raw);
			const lo = f.above !== undefined ? `above ${f.above}` : f.min !== undefined ? `${f.min} or more` : '';
			const what = `a number${lo ? ` ${lo}` : ''}${f.max !== undefined ? ` and at most ${f.max}` : ''}`;
			if (!Number.isFinite(v) || (f.above !== undefined && !(v > f.above)) || (f.min !== undefined && v < f.min) || (f.max !== undefined && v > f.max)) bad(what);
			return v;
		}
		case 'choice':
			if (!f.choices!.includes(raw)) bad(`one of ${f.choices!.join(', ')}`);
			return raw;
		case 'list': {
			const items = raw.split(',').map((s) => s.trim()).filter(Boolean);
			if (items.length === 0) bad('a comma-separated list');
			return items;
		}
		case 'path':
		case 'string':
			if (raw === '') bad('given a value');
			return raw;
		default:
			return raw;
	}
}

/**
 * Parses `argv` against a command's table: `--flag value` or `--flag=value`, booleans without a value. Unknown,
 * repeated or value-less flags and stray words are ArgumentErrors naming the flag. Values are converted and checked
 * by type. Returns an object keyed by each flag's key (flags not given are absent).
 */
export function parseFlags(spec: CommandSpec, argv: string[]): Record<string, unknown> {
	const byName = new Map(spec.flags.map((f) => [f.name, f]));
	const out: Record<string, unknown> = Object.create(null);
	const seen = new Set<string>();
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (!arg.startsWith('--') || arg === '--') {
			throw new ArgumentError(`unexpected argument "${arg}": ${spec.name} takes only --flags${arg.startsWith('-') && arg !== '-' ? ' (use the long form, e.g. --help)' : ''}.`, spec.name);
		}
		const eq = arg.indexOf('=');
		const name = arg.slice(2, eq < 0 ? undefined : eq);
		const f = byName.get(name);
		if (!f) {
			const near = closest(name, spec.flags);
			throw new ArgumentError(`unknown option --${name} for ${spec.name}${near ? ` (did you mean --${near}?)` : ''}.`, spec.name);
		}
		if (seen.has(name)) throw new ArgumentError(`--${name} is given more than once.`, spec.name);
		seen.add(name);
		if (f.type === 'boolean') {
			if (eq >= 0) throw new ArgumentError(`--${name} takes no value.`, spec.name);
			out[keyOf(f)] = true;
			continue;
		}
		let raw: string;
		if (eq >= 0) raw = arg.slice(eq + 1);
		else {
			if (i + 1 >= argv.length || (argv[i + 1].startsWith('--') && argv[i + 1].length > 2)) throw new ArgumentError(`--${name} needs a value (${f.value ?? 'see --help'}).`, spec.name);
			raw = argv[++i];
		}
		out[keyOf(f)] = convert(f, raw, spec.name);
	}
	for (const f of spec.flags) if (f.required && !(keyOf(f) in out)) throw new ArgumentError(`--${f.name} is required.`, spec.name);
	return out;
}

/** Refuses flags that do not apply to the algorithm, with the reason. */
export function checkAlgorithm(spec: CommandSpec, values: Record<string, unknown>, algorithm: string): void {
	const sel = spec.selector ?? 'algorithm';
	for (const f of spec.flags) {
		if (!f.algorithms || !(keyOf(f) in values) || f.algorithms.includes(algorithm)) continue;
		throw new ArgumentError(
			`--${f.name} does not apply to --${sel} ${algorithm}: ${f.why ?? `it is a setting of ${f.algorithms.join(', ')} only`}. Remove it, or choose ${f.algorithms.length === 1 ? `--${sel} ${f.algorithms[0]}` : `one of --${sel} ${f.algorithms.join(', ')}`}.`,
			spec.name
		);
	}
}

/** Refuses the flags a recipe replaces when --recipe is given. */
export function checkRecipeFlags(spec: CommandSpec, values: Record<string, unknown>): void {
	const given = spec.flags.filter((f) => f.inRecipe && keyOf(f) in values).map((f) => `--${f.name}`);
	if (given.length) throw new ArgumentError(`--recipe takes every choice from the recipe, so ${given.join(', ')} cannot be given with it: give one or the other.`, spec.name);
}

/** The whole `--help` text of a command: what it does, synopsis, every flag with its default, examples. */
export function commandHelp(spec: CommandSpec): string {
	const sel = spec.selector ?? 'algorithm';
	const rows = spec.flags.map((f) => {
		const left = `  --${f.name}${f.type === 'boolean' ? '' : ` ${f.value ?? (f.type === 'choice' ? f.choices!.join('|') : 'VALUE')}`}`;
		const extra = [
			f.type === 'choice' && f.value ? `one of: ${f.choices!.join(', ')}` : '',
			f.required ? 'required' : f.default !== undefined ? `default: ${f.default}` : '',
			f.algorithms ? `only for --${sel} ${f.algorithms.join(', ')}` : '',
			f.inRecipe ? 'replaced by --recipe' : ''
		].filter(Boolean);
		return { left, text: `${f.help}${extra.length ? ` (${extra.join('; ')})` : ''}` };
	});
	rows.push({ left: '  -h, --help', text: 'this text' });
	const width = Math.min(28, Math.max(...rows.map((r) => r.left.length)) + 2);
	const wrap = (text: string, indent: number) => {
		const lines: string[] = [];
		let line = '';
		for (const word of text.split(' ')) {
			if (line && line.length + 1 + word.length > 110 - indent) {
				lines.push(line);
				line = word;
			} else line = line ? `${line} ${word}` : word;
		}
		lines.push(line);
		return lines.join('\n' + ' '.repeat(indent));
	};
	const flagLines = rows.map((r) => (r.left.length + 1 >= width ? `${r.left}\n${' '.repeat(width)}` : r.left.padEnd(width)) + wrap(r.text, width));
	return [
		`segment-lab ${spec.name}: ${spec.summary}`,
		'',
		'Usage:',
		...spec.synopsis.map((s) => `  segment-lab ${spec.name} ${s}`),
		'',
		'Options:',
		...flagLines,
		...(spec.notes?.length ? ['', ...spec.notes.map((n) => wrap(n, 0))] : []),
		'',
		`Example${spec.examples.length > 1 ? 's' : ''}:`,
		...spec.examples.map((e) => `  ${e}`)
	].join('\n');
}
