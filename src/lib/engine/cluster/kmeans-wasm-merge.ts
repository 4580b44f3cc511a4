/** The centre loop and lane merge of the WebAssembly assignment kernels (kmeans-wasm.ts, kmeans-wasm-bounds.ts). */
import { op } from './wasm-encode';

/** Local slots of the centre loop and the lane merge (centresThenMerge). */
export interface MergeSlots {
	kp: number; q: number; bestv: number; idx: number; b0: number; b1: number; i0: number; i1: number; cond: number; lab: number;
}

/**
 * Every pair of centres (a loop over `kp` pairs, or `unroll` steps with constant offsets), then the two lanes' minima
 * merged into one label: the odd lane wins when smaller, or equal with a lower index. Shared by the plain assignment
 * kernel and the bounded one (kmeans-wasm-bounds.ts), so both pick a row's centre the same way.
 */
export function centresThenMerge(unroll: number | null, step: (u: number | null) => number[][], l: MergeSlots): number[][] {
	return [
		...(unroll === null ? [op.get(l.kp), op.set(l.q), op.loop, ...step(null), op.get(l.q), op.i32(1), op.i32Sub, op.tee(l.q), op.brIf(0), op.end]
			: Array.from({ length: unroll }, (_, u) => step(u)).flat()),
		op.get(l.bestv), op.f64x2ExtractLane(0), op.set(l.b0),
		op.get(l.bestv), op.f64x2ExtractLane(1), op.set(l.b1),
		op.get(l.idx), op.i64x2ExtractLane(0), op.i32WrapI64, op.set(l.i0),
		op.get(l.idx), op.i64x2ExtractLane(1), op.i32WrapI64, op.set(l.i1),
		op.get(l.b1), op.get(l.b0), op.f64Lt,
		op.get(l.b1), op.get(l.b0), op.f64Eq, op.get(l.i1), op.get(l.i0), op.i32LtU, op.i32And,
		op.i32Or, op.set(l.cond),
		op.get(l.i1), op.get(l.i0), op.get(l.cond), op.select, op.set(l.lab)
	];
}
