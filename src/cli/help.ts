/**
 * Help and version: light enough to load without the engine, so `segment-lab --help` starts at once.
 */
import { RUN_SPEC } from './args';
import { PROJECT_SPEC } from './project-args';
import { SCORE_SPEC } from './score-args';
import { TRACK_SPEC } from './track-args';
import { commandHelp } from './flag-table';
import { version } from '../../package.json';

export { version };

export const COMMANDS = [RUN_SPEC, PROJECT_SPEC, SCORE_SPEC, TRACK_SPEC];

/** `segment-lab --help`: the commands, the global flags and the exit codes. */
export function overviewHelp(): string {
	const w = Math.max(...COMMANDS.map((c) => c.name.length)) + 4;
	return [
		`segment-lab ${version}: customer segmentation on the command line, on the same engine as the page.`,
		'',
		'Usage:',
		'  segment-lab COMMAND [--flags]      segment-lab COMMAND --help      segment-lab --version',
		'',
		'Commands:',
		...COMMANDS.map((c) => `  ${c.name.padEnd(w)}${c.summary}`),
		'',
		'Exit codes:',
		...EXIT_CODES.map(([c, t]) => `  ${c}  ${t}`),
		'',
		'Examples:',
		...COMMANDS.map((c) => `  ${c.examples[0]}`)
	].join('\n');
}

export const EXIT_CODES: [number, string][] = [
	[0, 'done'],
	[2, 'bad input or arguments (the message says what and where)'],
	[1, 'a bug in segment-lab (the message has a line to report)']
];

/**
 * What needs no engine: --version, --help (of the tool or of a command), no command at all. Null = run the command.
 * `out` is the text and the stream it goes to; `code` the exit code.
 */
export function helpAnswer(argv: string[]): { text: string; code: number; toStderr: boolean } | null {
	const [command, ...rest] = argv;
	const helpOf = (c: string | undefined) => {
		const spec = COMMANDS.find((s) => s.name === c);
		return { text: spec ? commandHelp(spec) : overviewHelp(), code: 0, toStderr: false };
	};
	if (command === '--version' || command === '-v' || command === 'version') return { text: version, code: 0, toStderr: false };
	if (command === '-h' || command === '--help' || command === 'help') return helpOf(rest[0]);
	if (!command) return { text: overviewHelp(), code: 2, toStderr: true };
	if (COMMANDS.some((s) => s.name === command) && (rest.includes('--help') || rest.includes('-h'))) return helpOf(command);
	return null;
}
