/**
 * The WebAssembly kernels of Hamerly's bounds (G. Hamerly, "Making k-means even faster", SDM 2010) on the
 * assignment kernel of kmeans-wasm.ts, for rows padded to a stride of 4 or 8: a row whose bounds prove that the
 * kernel would give it the same label again skips its k dot products. The proof and its rounding margin are in
 * kmeans-lloyd-bounds.ts; here, per row i (label a, P the per-centre parameters: D_a the running sum of c_a's
 * shifts, E_a that of the largest shift of another centre, gap_a):
 *   u = upper_i + D_a,  l = lower_i − E_a,  lb = max(l, gap_a − u);
 *   skip when lb > u and (lb − u)(lb + u) > 2ε;
 *   else u = √(‖x‖² + s_a + ε) from the row's own centre (s_c = ‖c‖² + Σ x_j·(−2c_j), the kernel's value), test again;
 *   else every s_c as the assignment kernel computes them (same lanes, same tree of additions, same tie rule), the
 *   label their first minimum, u = √(‖x‖² + s_best + ε), l = √(max(0, ‖x‖² + s_second − ε)).
 * A proven row writes nothing; otherwise upper_i = u − D_label (and after the full computation lower_i = l + E_label
 * and the label) are stored, so that later passes read them against the running sums. With `sums`, the row is added to its cluster's sum and count in row order,
 * exactly as the assignment kernel adds it. Returns the rows whose label changed.
 */
import { F64, I32, op, V128, type FunctionDef } from './wasm-encode';
import { centresThenMerge } from './kmeans-wasm-merge';

/** Bytes per centre in P: D_c, E_c (running sums of its shift and of the largest other shift), gap_c (distance to the nearest other centre). */
export const BOUND_PARAM_BYTES = 24;

const pairBlockBytes = (stride: number) => (stride + 1) * 16;

function v128Of(a: number, b: number, kind: 'f64' | 'i64'): Uint8Array {
	if (kind === 'f64') return new Uint8Array(new Float64Array([a, b]).buffer);
	return new Uint8Array(new BigInt64Array([BigInt(a), BigInt(b)]).buffer);
}

/**
 * bounds{F}(X, rows, C, pairs, labels, sums, counts, upper, lower, P, ε, 2ε, labelsOut, upperOut, lowerOut, list) →
 * changed + 65536·touched (blocks have fewer than 65,536 rows): the rows whose label changed, and those not proven
 * at once, whose bounds are written to upperOut/lowerOut and (with list ≠ 0) whose 0-based index is appended to list.
 * Every row's label goes to labelsOut. The outputs may be the inputs (in place). C holds the centre pair blocks of
 * kmeans-wasm.ts; sums = 0 for labels and bounds only.
 */
export function boundsFunction(F: 4 | 8, unroll: number | null): FunctionDef {
	const [X, rows, C, kp, labels, sums, counts, upper, lower, P, eps, eps2, labelsOut, upperOut, lowerOut, list] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15];
	const [p, q, lab, changed, i0, i1, a, cond, old, pa, touched, ri] = [16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27];
	const [b0, b1, u, l, lb, n2, sa] = [28, 29, 30, 31, 32, 33, 34];
	const x = (j: number) => 35 + j;
	const [bestv, idx, cur, s, m, sec] = [35 + F, 36 + F, 37 + F, 38 + F, 39 + F, 40 + F];
	const locals = [...new Array(12).fill(I32), ...new Array(7).fill(F64), ...new Array(F + 6).fill(V128)];
	const add = (L: number[], R: number[]) => [...L, ...R, ...op.f64x2Add];
	const tree = (off: number) => {
		const prod = (j: number) => [op.get(x(j)), op.get(p), op.v128Load(off + 16 * j), op.f64x2Mul].flat();
		const pair = (j: number) => add(prod(j), prod(j + 1));
		return F === 8 ? add(add(pair(0), pair(2)), add(pair(4), pair(6))) : add(pair(0), pair(2));
	};
	const sq = (j: number) => [op.get(x(j)), op.get(x(j)), op.f64x2Mul].flat();
	const sqPair = (j: number) => add(sq(j), sq(j + 1));
	const norm2 = F === 8 ? add(add(sqPair(0), sqPair(2)), add(sqPair(4), sqPair(6))) : add(sqPair(0), sqPair(2));
	const block = pairBlockBytes(F);
	/** One pair of centres in the full computation, as the assignment kernel's step, also keeping each lane's second value. */
	const step = (uIdx: number | null): number[][] => {
		const off = uIdx === null ? 0 : uIdx * block;
		return [
			tree(off), op.get(p), op.v128Load(off + 16 * F), op.f64x2Add,
			op.tee(s), op.get(bestv), op.f64x2Lt, op.set(m),
			// second = min(second, max(best, s)) before best is updated.
			op.get(sec), op.get(bestv), op.get(s), op.f64x2Pmax, op.f64x2Pmin, op.set(sec),
			op.get(bestv), op.get(s), op.f64x2Pmin, op.set(bestv),
			uIdx === null ? [...op.get(cur), ...op.get(idx), ...op.get(m), ...op.v128Bitselect, ...op.set(idx)]
				: [...op.v128Const(v128Of(2 * uIdx, 2 * uIdx + 1, 'i64')), ...op.get(idx), ...op.get(m), ...op.v128Bitselect, ...op.set(idx)],
			uIdx === null ? [...op.get(cur), ...op.v128Const(v128Of(2, 2, 'i64')), ...op.i64x2Add, ...op.set(cur)] : [],
			uIdx === null ? [...op.get(p), ...op.i32(block), ...op.i32Add, ...op.set(p)] : []
		];
	};
	/** br_if `depth` when lb = max(l, gap_a − u) proves the label: lb > u and (lb − u)(lb + u) > 2ε. */
	const proven = (depth: number) => [
		op.get(l), op.get(pa), op.f64Load(16), op.get(u), op.f64Sub, op.f64Max, op.set(lb),
		op.get(lb), op.get(u), op.f64Gt,
		op.get(lb), op.get(u), op.f64Sub, op.get(lb), op.get(u), op.f64Add, op.f64Mul, op.get(eps2), op.f64Gt,
		op.i32And, op.brIf(depth)
	];
	const body: number[][] = [
		op.i32(0), op.set(changed),
		op.block,
		op.get(rows), op.i32Eqz, op.brIf(0),
		op.loop,
		op.get(labels), op.i32Load(), op.tee(old), op.set(lab),
		op.get(P), op.get(old), op.i32(BOUND_PARAM_BYTES), op.i32Mul, op.i32Add, op.set(pa),
		op.get(upper), op.f64Load(), op.get(pa), op.f64Load(0), op.f64Add, op.set(u),
		op.get(lower), op.f64Load(), op.get(pa), op.f64Load(8), op.f64Sub, op.set(l),
		// A proven row stores nothing: its stored bounds, read against the centres' running shifts, stay true.
		op.block,
		...proven(0),
		...Array.from({ length: F }, (_, j) => [...op.get(X), ...op.v128Load64Splat(8 * j), ...op.set(x(j))]),
		norm2, op.f64x2ExtractLane(0), op.set(n2),
		// A row not proven at once is `touched`: its bounds are written out (the lower one kept unless recomputed).
		op.get(lowerOut), op.get(lower), op.f64Load(), op.f64Store(),
		op.block,
		op.block,
		// Tighten u from the row's own centre (lane a & 1 of its pair block), unless it is unknown (fresh bounds).
		op.get(u), op.f64(Infinity), op.f64Eq, op.brIf(0),
		op.get(C), op.get(old), op.i32(1), op.i32ShrU, op.i32(block), op.i32Mul, op.i32Add, op.set(p),
		tree(0), op.get(p), op.v128Load(16 * F), op.f64x2Add, op.tee(s), op.f64x2ExtractLane(1),
		op.get(s), op.f64x2ExtractLane(0), op.get(old), op.i32(1), op.i32And, op.select, op.set(sa),
		op.get(n2), op.get(sa), op.f64Add, op.get(eps), op.f64Add, op.f64Sqrt, op.set(u),
		...proven(1),
		op.end,
		// Every centre.
		op.v128Const(v128Of(Infinity, Infinity, 'f64')), op.tee(bestv), op.set(sec),
		op.v128Const(v128Of(0, 1, 'i64')), op.tee(idx), op.set(cur),
		op.get(C), op.set(p),
		...centresThenMerge(unroll, step, { kp, q, bestv, idx, b0, b1, i0, i1, cond, lab }),
		// u from the best value, l from the second (over both lanes: the larger best, or either lane's second).
		op.get(n2), op.get(b1), op.get(b0), op.get(cond), op.select, op.f64Add, op.get(eps), op.f64Add, op.f64Sqrt, op.set(u),
		op.get(n2),
		op.get(b0), op.get(b1), op.f64Max, op.get(sec), op.f64x2ExtractLane(0), op.f64Min, op.get(sec), op.f64x2ExtractLane(1), op.f64Min,
		op.f64Add, op.get(eps), op.f64Sub, op.f64(0), op.f64Max, op.f64Sqrt, op.set(l),
		op.get(changed), op.get(lab), op.get(old), op.i32Ne, op.i32Add, op.set(changed),
		op.get(P), op.get(lab), op.i32(BOUND_PARAM_BYTES), op.i32Mul, op.i32Add, op.set(pa),
		op.get(lowerOut), op.get(l), op.get(pa), op.f64Load(8), op.f64Add, op.f64Store(),
		op.end,
		// Stored relative to the running shift of the (new) label's centre.
		op.get(upperOut), op.get(u), op.get(pa), op.f64Load(0), op.f64Sub, op.f64Store(),
		op.get(touched), op.i32(1), op.i32Add, op.set(touched),
		op.get(list), op.if,
		op.get(list), op.get(ri), op.i32Store(),
		op.get(list), op.i32(4), op.i32Add, op.set(list),
		op.end,
		op.end,
		op.get(labelsOut), op.get(lab), op.i32Store(),
		op.get(sums), op.if,
		op.get(sums), op.get(lab), op.i32(F === 8 ? 6 : 5), op.i32Shl, op.i32Add, op.set(a),
		...Array.from({ length: F / 2 }, (_, h) => [
			...op.get(a), ...op.get(a), ...op.v128Load(16 * h), ...op.get(X), ...op.v128Load(16 * h), ...op.f64x2Add, ...op.v128Store(16 * h)
		]),
		op.get(counts), op.get(lab), op.i32(3), op.i32Shl, op.i32Add, op.tee(a),
		op.get(a), op.f64Load(), op.f64(1), op.f64Add, op.f64Store(),
		op.end,
		op.get(X), op.i32(8 * F), op.i32Add, op.set(X),
		op.get(labels), op.i32(4), op.i32Add, op.set(labels),
		op.get(upper), op.i32(8), op.i32Add, op.set(upper),
		op.get(lower), op.i32(8), op.i32Add, op.set(lower),
		op.get(labelsOut), op.i32(4), op.i32Add, op.set(labelsOut),
		op.get(upperOut), op.i32(8), op.i32Add, op.set(upperOut),
		op.get(lowerOut), op.i32(8), op.i32Add, op.set(lowerOut),
		op.get(ri), op.i32(1), op.i32Add, op.set(ri),
		op.get(rows), op.i32(1), op.i32Sub, op.tee(rows), op.brIf(0),
		op.end,
		op.end,
		op.get(touched), op.i32(16), op.i32Shl, op.get(changed), op.i32Add
	];
	return {
		name: `bounds${F}_${unroll ?? 'n'}`, params: [I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, F64, F64, I32, I32, I32, I32], results: [I32], locals, body
	};
}

/** labelSums{F}(X, rows, labels, sums, counts): each row added to its cluster's sum and count in row order, as the assignment kernel adds it. */
export function labelSumsFunction(F: 4 | 8): FunctionDef {
	const [X, rows, labels, sums, counts] = [0, 1, 2, 3, 4];
	const [a, lab] = [5, 6];
	const body: number[][] = [
		op.block,
		op.get(rows), op.i32Eqz, op.brIf(0),
		op.loop,
		op.get(labels), op.i32Load(), op.set(lab),
		op.get(sums), op.get(lab), op.i32(F === 8 ? 6 : 5), op.i32Shl, op.i32Add, op.set(a),
		...Array.from({ length: F / 2 }, (_, h) => [
			...op.get(a), ...op.get(a), ...op.v128Load(16 * h), ...op.get(X), ...op.v128Load(16 * h), ...op.f64x2Add, ...op.v128Store(16 * h)
		]),
		op.get(counts), op.get(lab), op.i32(3), op.i32Shl, op.i32Add, op.tee(a),
		op.get(a), op.f64Load(), op.f64(1), op.f64Add, op.f64Store(),
		op.get(X), op.i32(8 * F), op.i32Add, op.set(X),
		op.get(labels), op.i32(4), op.i32Add, op.set(labels),
		op.get(rows), op.i32(1), op.i32Sub, op.tee(rows), op.brIf(0),
		op.end,
		op.end
	];
	return { name: `labelSums${F}`, params: [I32, I32, I32, I32, I32], results: [], locals: [I32, I32], body };
}

/**
 * margins8_{pairs}(X, rows, C, labels, F, G, upper, lower): the Hartigan bounds of kmeans-hartigan-bounds.ts's
 * bounds8 for rows of 8 features, bit for bit: per row (label a) and centre b, s = ‖x − c_b‖² as
 * d0² + d1² + d2² + d3² + (d4² + d5² + d6² + d7²) (each lane that JavaScript expression), upper = √(g_a·s_a) (∞ when
 * g_a is), lower = √(min over b ≠ a of f_b·s_b) (the minimum value, whichever order it is taken in). C holds `pairs`
 * blocks of 8 (c_2p,j, c_2p+1,j); F the pairs (f_2p, f_2p+1) (∞ for a padding centre, never the minimum); G one
 * g per centre.
 */
export function marginsFunction(pairs: number): FunctionDef {
	const [X, rows, C, labels, Fp, G, upper, lower] = [0, 1, 2, 3, 4, 5, 6, 7];
	const [a, ga, own, low] = [8, 9, 10, 11];
	const x = (j: number) => 12 + j;
	const [av, ownv, lowv, s, d, eq] = [20, 21, 22, 23, 24, 25];
	const sq = (p: number, j: number) => [op.get(x(j)), op.get(C), op.v128Load(p * 128 + 16 * j), op.f64x2Sub, op.tee(d), op.get(d), op.f64x2Mul].flat();
	const add = (L: number[], R: number[]) => [...L, ...R, ...op.f64x2Add];
	const dist = (p: number) => add(add(add(add(sq(p, 0), sq(p, 1)), sq(p, 2)), sq(p, 3)), add(add(add(sq(p, 4), sq(p, 5)), sq(p, 6)), sq(p, 7)));
	const body: number[][] = [
		op.block,
		op.get(rows), op.i32Eqz, op.brIf(0),
		op.loop,
		...Array.from({ length: 8 }, (_, j) => [...op.get(X), ...op.v128Load64Splat(8 * j), ...op.set(x(j))]),
		op.get(labels), op.i32Load(), op.tee(a), op.f64ConvertI32S, op.f64x2Splat, op.set(av),
		op.v128Const(v128Of(Infinity, Infinity, 'f64')), op.set(lowv),
		op.v128Const(v128Of(0, 0, 'f64')), op.set(ownv),
		...Array.from({ length: pairs }, (_, p) => [
			...dist(p), ...op.set(s),
			...op.v128Const(v128Of(2 * p, 2 * p + 1, 'f64')), ...op.get(av), ...op.f64x2Eq, ...op.set(eq),
			...op.get(s), ...op.get(ownv), ...op.get(eq), ...op.v128Bitselect, ...op.set(ownv),
			// min(low, f_b·s_b) over b ≠ a: pmin(low, v) = v < low ? v : low, JavaScript's test.
			...op.get(lowv),
			...op.v128Const(v128Of(Infinity, Infinity, 'f64')), ...op.get(Fp), ...op.v128Load(16 * p), ...op.get(s), ...op.f64x2Mul, ...op.get(eq), ...op.v128Bitselect,
			...op.f64x2Pmin, ...op.set(lowv)
		]),
		op.get(ownv), op.f64x2ExtractLane(1), op.get(ownv), op.f64x2ExtractLane(0), op.get(a), op.i32(1), op.i32And, op.select, op.set(own),
		op.get(lowv), op.f64x2ExtractLane(1), op.tee(low), op.get(lowv), op.f64x2ExtractLane(0),
		op.get(low), op.get(lowv), op.f64x2ExtractLane(0), op.f64Lt, op.select, op.set(low),
		op.get(G), op.get(a), op.i32(3), op.i32Shl, op.i32Add, op.f64Load(), op.set(ga),
		op.get(upper), op.f64(Infinity), op.get(ga), op.get(own), op.f64Mul, op.f64Sqrt, op.get(ga), op.f64(Infinity), op.f64Eq, op.select, op.f64Store(),
		op.get(lower), op.get(low), op.f64Sqrt, op.f64Store(),
		op.get(X), op.i32(64), op.i32Add, op.set(X),
		op.get(labels), op.i32(4), op.i32Add, op.set(labels),
		op.get(upper), op.i32(8), op.i32Add, op.set(upper),
		op.get(lower), op.i32(8), op.i32Add, op.set(lower),
		op.get(rows), op.i32(1), op.i32Sub, op.tee(rows), op.brIf(0),
		op.end,
		op.end
	];
	return { name: `margins8_${pairs}`, params: [I32, I32, I32, I32, I32, I32, I32, I32], results: [], locals: [I32, F64, F64, F64, ...new Array(14).fill(V128)], body };
}
