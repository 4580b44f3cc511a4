/**
 * The lifecycle of one t-SNE or UMAP map on the page: start it in the projection worker, take its frames as it
 * settles, pause, resume or cancel it. The latest run wins: frames and results of an older run are ignored.
 */
import type { EmbedFrame, EmbedRequest } from '$lib/workers/projection-api';
import { ProjectionClient } from '$lib/workers/projection-client';
import { EngineCallError } from '$lib/workers/pool';

export type EmbedMethod = 'tsne' | 'umap';
export type Method = 'pca' | EmbedMethod;
export const METHOD_NAMES: Record<Method, string> = { pca: 'PCA', tsne: 't-SNE', umap: 'UMAP' };

export interface Embedding {
	method: EmbedMethod;
	coords: Float32Array;
	/** The final positions in full double precision (the results file's columns). */
	exact: Float64Array | null;
	sample: Int32Array | null;
	iteration: number;
	nIter: number;
	phase: string;
	status: 'running' | 'paused' | 'done';
	key: string;
}

export class EmbeddingRun {
	embedding = $state.raw<Embedding | null>(null);
	error = $state<string | null>(null);
	private client: ProjectionClient | null = null;
	private seq = 0;

	/** Starts an embedding of req (any running one is cancelled); resolves when it finishes, fails or is cancelled. */
	async start(req: EmbedRequest): Promise<void> {
		this.client ??= new ProjectionClient();
		const seq = ++this.seq;
		this.error = null;
		const key = `${req.method}-${seq}`;
		this.embedding = { method: req.method, coords: new Float32Array(0), exact: null, sample: null, iteration: 0, nIter: 0, phase: 'finding neighbours', status: 'running', key };
		const onFrame = (f: EmbedFrame) => {
			const e = this.embedding;
			if (seq !== this.seq || !e) return;
			this.embedding = { ...e, coords: f.Y, iteration: f.iteration, nIter: f.nIter, phase: f.phase, sample: f.sample ?? e.sample };
		};
		try {
			const res = await this.client.embed(req, onFrame);
			if (seq !== this.seq) return;
			this.embedding = { ...this.embedding!, coords: res.Y, exact: res.exact, sample: res.sample, iteration: res.iterations, status: 'done', phase: 'done' };
		} catch (err) {
			if (seq !== this.seq) return;
			this.embedding = null;
			if (err instanceof EngineCallError && err.info.code === 'cancelled') this.error = 'Cancelled.';
			else this.error = err instanceof EngineCallError ? `${err.info.message} ${err.info.hint}` : String(err);
		}
	}

	pause(): void {
		if (!this.embedding || this.embedding.status !== 'running') return;
		this.client?.pause();
		this.embedding = { ...this.embedding, status: 'paused' };
	}

	resume(): void {
		if (!this.embedding || this.embedding.status !== 'paused') return;
		this.client?.resume();
		this.embedding = { ...this.embedding, status: 'running' };
	}

	/** The user's cancel: nothing of the run is kept. */
	cancel(): void {
		this.seq++;
		this.client?.cancel();
		this.embedding = null;
		this.error = 'Cancelled: nothing was kept. Press the button to start again.';
	}

	/** A new result: stop any running embedding and drop the old map (a running one reports "Cancelled."). */
	reset(): void {
		this.client?.cancel();
		this.embedding = null;
	}

	/** The user leaves the Map step: a map still being made stops and is dropped, saying so; a finished one is kept. */
	leave(): void {
		const e = this.embedding;
		if (!e || e.status === 'done') return;
		this.seq++;
		this.client?.cancel();
		this.embedding = null;
		this.error = `The ${METHOD_NAMES[e.method]} map stopped when you left the Map step: nothing of it was kept. Press the button to start again.`;
	}
}
