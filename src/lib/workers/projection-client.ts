/**
 * The page's handle on the projection worker (t-SNE, UMAP). Same rules as the engine pool: cancel terminates
 * the worker (synchronous numeric code cannot be interrupted otherwise) and the next call spawns a fresh one;
 * a new embed cancels the one running (the latest request wins). Pause and resume are messages the worker
 * reads between its ~40 ms slices.
 */
import * as Comlink from 'comlink';
import type { EmbedFrame, EmbedRequest, EmbedResult, ProjectionApi } from './projection-api';
import { EngineCallError } from './pool';
import { isShared } from './shared-matrix';

export function createProjectionWorker(): Worker {
	return new Worker(new URL('./projection.worker.ts', import.meta.url), { type: 'module', name: 'segment-lab-projection' });
}

export class ProjectionClient {
	private worker: Worker | null = null;
	private remote: Comlink.Remote<ProjectionApi> | null = null;
	private stop: (() => void) | null = null;

	constructor(private readonly spawn: () => Worker = createProjectionWorker) {}

	/** Embeds req.data (copied, so the caller keeps its array). Rejects with code "cancelled" on cancel(). */
	async embed(req: EmbedRequest, onFrame: (f: EmbedFrame) => void): Promise<EmbedResult> {
		this.cancel();
		const worker = (this.worker = this.spawn());
		const remote = (this.remote = Comlink.wrap<ProjectionApi>(worker));
		// The prepared matrix in shared memory (shared-matrix.ts) is passed as a view; otherwise a copy is transferred.
		const shared = isShared(req.data.buffer);
		const data = shared ? req.data : req.data.slice();
		const strata = req.strata ? req.strata.slice() : null;
		const cancelled = new Promise<never>((_, reject) => {
			this.stop = () => reject(new EngineCallError({ code: 'cancelled', message: 'The projection was cancelled.', hint: '' }));
			worker.addEventListener('error', (e) => {
				e.preventDefault?.();
				reject(new EngineCallError({ code: 'internal', message: `The projection worker stopped${e.message ? `: ${e.message}` : ''}.`, hint: 'Try again, or use a smaller sample.' }));
			});
		});
		const transfer = [...(shared ? [] : [data.buffer]), ...(strata ? [strata.buffer] : [])] as ArrayBuffer[];
		const work = remote.embed(Comlink.transfer({ ...req, data, strata }, transfer), Comlink.proxy(onFrame));
		const out = await Promise.race([work, cancelled]);
		if (this.remote === remote) this.release();
		if (!out.ok) throw new EngineCallError(out.error);
		return out.value;
	}

	pause(): void {
		void this.remote?.pause();
	}

	resume(): void {
		void this.remote?.resume();
	}

	/** Stops the running embedding at once. */
	cancel(): void {
		const stop = this.stop;
		this.release();
		stop?.();
	}

	private release(): void {
		this.remote?.[Comlink.releaseProxy]();
		this.worker?.terminate();
		this.worker = null;
		this.remote = null;
		this.stop = null;
	}
}
