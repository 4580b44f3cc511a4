/** Messages between the scatter (density-client.ts) and the density worker (workers/density.worker.ts). */
import type { DensityColours, DensityView } from './density-image';
import type { PointStats } from '../scatter/point-stats';

export type DensityRequest =
	/** The map's points, once per projection (a copy: the page keeps its own for hover and the description). */
	| { type: 'data'; seq: number; coords: Float32Array; labels: Int32Array; n: number; k: number }
	/** The feature coloured by, once per choice (null: colour by segment). */
	| { type: 'values'; values: Float32Array | null }
	/** Draw this view; answered with a 'picture' carrying the same seq. */
	| { type: 'view'; seq: number; view: DensityView; colours: DensityColours }
	| { type: 'nearest'; qid: number; hidden: Uint8Array; x: number; y: number; kx: number; ky: number; radiusPx: number }
	| { type: 'polygon'; qid: number; hidden: Uint8Array; poly: Float64Array }
	| { type: 'box'; qid: number; hidden: Uint8Array; x0: number; x1: number; y0: number; y1: number }
	| { type: 'segment'; qid: number; hidden: Uint8Array; s: number };

export type DensityReply =
	/** The points' extent and segment sizes, computed once per 'data' (the same seq). */
	| { type: 'stats'; seq: number; stats: PointStats }
	| { type: 'picture'; seq: number; bitmap: ImageBitmap; visible: number; points: boolean; ms: number }
	| { type: 'answer'; qid: number; index?: number; indices?: Int32Array }
	| { type: 'error'; message: string };
