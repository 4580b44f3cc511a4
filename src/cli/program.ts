/**
 * The process around main(): exit code, and no raw trace for anything that escapes it (an error in a callback, a
 * rejected promise, a closed pipe). `bin/segment-lab.mjs` calls start() from the built bundle. --help and
 * --version answer before the engine is loaded.
 */
import { helpAnswer } from './help';

export async function start(argv: string[]): Promise<void> {
	const answer = helpAnswer(argv);
	if (answer) {
		(answer.toStderr ? process.stderr : process.stdout).write(answer.text + '\n');
		process.exitCode = answer.code;
		return;
	}
	const { main, reportError } = await import('./main');
	// `segment-lab run --out - | head`: the reader left; stop quietly, as other Unix tools do.
	for (const stream of [process.stdout, process.stderr]) {
		stream.on('error', (err: NodeJS.ErrnoException) => {
			if (err.code === 'EPIPE') process.exit(0);
			process.exitCode = reportError(err);
		});
	}
	// Interrupted: exit through process.exit so io.ts removes temporary and half-written files.
	process.once('SIGINT', () => process.exit(130));
	process.once('SIGTERM', () => process.exit(143));
	process.on('uncaughtException', (err) => process.exit(reportError(err)));
	process.on('unhandledRejection', (err) => process.exit(reportError(err)));
	process.exitCode = await main(argv);
}
