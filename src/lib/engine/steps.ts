/**
 * The plain form of a step generator: runs it to its end and returns its result. An algorithm written as steps
 * (yielding between pieces of work of a few milliseconds) serves both the command line, which runs it at once,
 * and a worker that checks for the page's Cancel between steps (workers/job-control.ts).
 */
export function finish<T>(steps: Generator<unknown, T>): T {
	for (;;) {
		const s = steps.next();
		if (s.done) return s.value;
	}
}

/** Rows handled between two steps of a pass over every row (a few milliseconds of work). */
export const ROWS_PER_STEP = 65_536;
