/**
 * Errors are data at the boundary: the engine throws EngineError, the worker bridge turns it into a value
 * the page shows. `message` says what is wrong, `hint` says what to do about it.
 */
export type EngineErrorCode =
	| 'empty-file'
	| 'header-only'
	| 'binary-file'
	| 'not-delimited'
	| 'no-numeric-column'
	| 'no-features'
	| 'too-few-rows'
	| 'bad-parameter'
	| 'bad-recipe'
	| 'recipe-mismatch'
	| 'skipped-rows'
	| 'too-many-levels'
	| 'cancelled'
	| 'too-large'
	| 'file-changed'
	| 'internal';

export class EngineError extends Error {
	readonly code: EngineErrorCode;
	readonly hint: string;
	constructor(code: EngineErrorCode, message: string, hint = '') {
		super(message);
		this.name = 'EngineError';
		this.code = code;
		this.hint = hint;
	}
}

/** A plain, cloneable form of an error, for crossing the worker boundary and for the UI. */
export interface ErrorInfo {
	code: EngineErrorCode;
	message: string;
	hint: string;
}

export function toErrorInfo(err: unknown): ErrorInfo {
	if (err instanceof EngineError) return { code: err.code, message: err.message, hint: err.hint };
	if (err && typeof err === 'object' && 'code' in err && 'message' in err && 'hint' in err) {
		const e = err as ErrorInfo;
		return { code: e.code, message: String(e.message), hint: String(e.hint) };
	}
	const message = err instanceof Error ? err.message : String(err);
	return {
		code: 'internal',
		message: `Something went wrong inside the engine: ${message}`,
		hint: 'Try again; if it keeps happening, reload the page and report the file that triggers it.'
	};
}

export function cancelled(): EngineError {
	return new EngineError('cancelled', 'The run was cancelled.', '');
}
