/**
 * The page's side of the density worker: sends the points once, asks for the picture of each view, and answers
 * the scatter's hover and selection queries from the worker. At most one view is being drawn at a time: a view
 * asked for meanwhile waits, and a newer one replaces it, so during a pan the worker always draws the latest
 * view and never a queue of stale ones.
 */
import type { PointQueries } from '../scatter/queries';
import type { DensityColours, DensityView } from './density-image';
import type { DensityReply, DensityRequest } from './protocol';
import type { PointStats } from '../scatter/point-stats';

export interface Picture<T> {
	bitmap: ImageBitmap;
	width: number;
	height: number;
	visible: number;
	points: boolean;
	/** Milliseconds the worker took. */
	ms: number;
	/** What the caller attached to the request (the view's zoom transform and key). */
	tag: T;
}

export class DensityClient<T> implements PointQueries {
	private worker: Worker;
	private seq = 0;
	private busy: { seq: number; view: DensityView; tag: T } | null = null;
	private waiting: { view: DensityView; colours: DensityColours; tag: T } | null = null;
	private qid = 0;
	private asks = new Map<number, (a: { index?: number; indices?: Int32Array }) => void>();
	/** 1 where a segment is hidden: hidden points are neither found nor selected. */
	hidden: Uint8Array = new Uint8Array(0);
	private dataSeq = 0;
	private copyLater: ReturnType<typeof setTimeout> | undefined;
	/** setData was called and its copy not yet sent. */
	private dataPending = false;

	/** onstats: the extent and segment sizes of the points last sent with setData (computed in the worker). */
	constructor(
		private onpicture: (p: Picture<T>) => void,
		private onstats: (s: PointStats) => void = () => {}
	) {
		this.worker = new Worker(new URL('../../workers/density.worker.ts', import.meta.url), { type: 'module' });
		this.worker.onmessage = (e: MessageEvent<DensityReply>) => this.receive(e.data);
	}

	private send(m: DensityRequest, transfer: Transferable[] = []) {
		this.worker.postMessage(m, transfer);
	}

	/**
	 * The points, copied once (the page keeps its arrays) and the copies transferred. The copy (about 20 ms at
	 * 1,000,000 points) is made in a task of its own, after the view that asked for it has been built; a newer
	 * call before then replaces it. Views asked for meanwhile wait for the data.
	 */
	setData(coords: Float32Array, labels: Int32Array, n: number, k: number) {
		clearTimeout(this.copyLater);
		const seq = ++this.dataSeq;
		this.dataPending = true;
		this.copyLater = setTimeout(() => {
			this.dataPending = false;
			const c = coords.slice(0, 2 * n), l = labels.slice(0, n);
			this.send({ type: 'data', seq, coords: c, labels: l, n, k }, [c.buffer, l.buffer]);
			this.pump();
		});
	}

	/** The feature coloured by (a copy, transferred), or null. */
	setValues(values: Float32Array | null) {
		const v = values ? values.slice() : null;
		this.send({ type: 'values', values: v }, v ? [v.buffer] : []);
	}

	/** Asks for the picture of a view; a view still waiting is replaced by this newer one. */
	draw(view: DensityView, colours: DensityColours, tag: T) {
		this.waiting = { view, colours, tag };
		this.pump();
	}

	private pump() {
		if (this.busy || !this.waiting || this.dataPending) return;
		const { view, colours, tag } = this.waiting;
		this.waiting = null;
		this.busy = { seq: ++this.seq, view, tag };
		this.send({ type: 'view', seq: this.seq, view, colours });
	}

	private receive(m: DensityReply) {
		if (m.type === 'stats') {
			if (m.seq === this.dataSeq) this.onstats(m.stats);
		} else if (m.type === 'picture') {
			const b = this.busy;
			this.busy = null;
			if (!b || b.seq !== m.seq) m.bitmap.close();
			else this.onpicture({ bitmap: m.bitmap, width: b.view.pw, height: b.view.ph, visible: m.visible, points: m.points, ms: m.ms, tag: b.tag });
			this.pump();
		} else if (m.type === 'answer') {
			this.asks.get(m.qid)?.(m);
			this.asks.delete(m.qid);
		} else {
			console.warn(`Density worker: ${m.message}`);
			this.busy = null;
			this.pump();
		}
	}

	private ask(m: DensityRequest & { qid: number }): Promise<{ index?: number; indices?: Int32Array }> {
		return new Promise((resolve) => {
			this.asks.set(m.qid, resolve);
			this.send(m);
		});
	}

	/** Has the worker build its hover index now (a no-op query), not on the first pointer move. */
	warm() {
		void this.nearest(0, 0, 1, 1, 0);
	}
	async nearest(x: number, y: number, kx: number, ky: number, radiusPx: number) {
		return (await this.ask({ type: 'nearest', qid: ++this.qid, hidden: this.hidden, x, y, kx, ky, radiusPx })).index ?? -1;
	}
	async inPolygon(poly: Float64Array) {
		return (await this.ask({ type: 'polygon', qid: ++this.qid, hidden: this.hidden, poly })).indices ?? new Int32Array(0);
	}
	async inBox(x0: number, x1: number, y0: number, y1: number) {
		return (await this.ask({ type: 'box', qid: ++this.qid, hidden: this.hidden, x0, x1, y0, y1 })).indices ?? new Int32Array(0);
	}
	async ofSegment(s: number) {
		return (await this.ask({ type: 'segment', qid: ++this.qid, hidden: this.hidden, s })).indices ?? new Int32Array(0);
	}

	destroy() {
		clearTimeout(this.copyLater);
		this.worker.terminate();
		for (const resolve of this.asks.values()) resolve({});
		this.asks.clear();
	}
}
