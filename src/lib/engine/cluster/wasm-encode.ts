/**
 * A very small WebAssembly encoder: just enough of the binary format (types, one exported memory, exported
 * functions, code) to emit the k-means kernels from TypeScript without a toolchain. Instructions are written as
 * byte arrays with the helpers below; see the WebAssembly core specification (binary format) and the SIMD
 * proposal's opcode table for the numbers.
 */

export const I32 = 0x7f, I64 = 0x7e, F64 = 0x7c, V128 = 0x7b;

export function uleb(n: number): number[] {
	const out: number[] = [];
	do {
		let b = n & 0x7f;
		n >>>= 7;
		if (n !== 0) b |= 0x80;
		out.push(b);
	} while (n !== 0);
	return out;
}

export function sleb(n: number): number[] {
	const out: number[] = [];
	for (;;) {
		const b = n & 0x7f;
		n >>= 7;
		if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
			out.push(b);
			return out;
		}
		out.push(b | 0x80);
	}
}

const str = (s: string) => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
const vec = (items: number[][]) => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];

/** Instruction helpers (each returns the bytes of one instruction). */
export const op = {
	get: (i: number) => [0x20, ...uleb(i)],
	set: (i: number) => [0x21, ...uleb(i)],
	tee: (i: number) => [0x22, ...uleb(i)],
	i32: (v: number) => [0x41, ...sleb(v)],
	f64: (v: number) => {
		const b = new Uint8Array(new Float64Array([v]).buffer);
		return [0x44, ...b];
	},
	block: [0x02, 0x40],
	loop: [0x03, 0x40],
	if: [0x04, 0x40],
	else: [0x05],
	end: [0x0b],
	br: (d: number) => [0x0c, ...uleb(d)],
	brIf: (d: number) => [0x0d, ...uleb(d)],
	select: [0x1b],
	i32Load: (offset = 0) => [0x28, 2, ...uleb(offset)],
	f64Load: (offset = 0) => [0x2b, 3, ...uleb(offset)],
	i32Store: (offset = 0) => [0x36, 2, ...uleb(offset)],
	f64Store: (offset = 0) => [0x39, 3, ...uleb(offset)],
	i32Eqz: [0x45],
	i32Eq: [0x46],
	i32Ne: [0x47],
	i32LtU: [0x49],
	f64Eq: [0x61],
	f64Lt: [0x63],
	f64Gt: [0x64],
	i32Add: [0x6a],
	i32Sub: [0x6b],
	i32Mul: [0x6c],
	i32And: [0x71],
	i32Or: [0x72],
	i32Shl: [0x74],
	i32ShrU: [0x76],
	f64Add: [0xa0],
	f64Sub: [0xa1],
	f64Mul: [0xa2],
	f64Min: [0xa4],
	f64Max: [0xa5],
	f64Sqrt: [0x9f],
	i32WrapI64: [0xa7],
	f64ConvertI32S: [0xb7],
	// SIMD (prefix 0xfd, opcode as unsigned LEB128)
	v128Load: (offset = 0) => [0xfd, ...uleb(0x00), 4, ...uleb(offset)],
	v128Load64Splat: (offset = 0) => [0xfd, ...uleb(0x0a), 3, ...uleb(offset)],
	v128Store: (offset = 0) => [0xfd, ...uleb(0x0b), 4, ...uleb(offset)],
	v128Load64Lane: (offset: number, lane: number) => [0xfd, ...uleb(0x57), 3, ...uleb(offset), lane],
	v128Store64Lane: (offset: number, lane: number) => [0xfd, ...uleb(0x5b), 3, ...uleb(offset), lane],
	v128Const: (bytes: Uint8Array) => [0xfd, ...uleb(0x0c), ...bytes],
	i64x2ExtractLane: (lane: number) => [0xfd, ...uleb(0x1d), lane],
	f64x2ExtractLane: (lane: number) => [0xfd, ...uleb(0x21), lane],
	f64x2Lt: [0xfd, ...uleb(0x49)],
	f64x2Eq: [0xfd, ...uleb(0x47)],
	f64x2Splat: [0xfd, ...uleb(0x14)],
	v128Bitselect: [0xfd, ...uleb(0x52)],
	i64x2Add: [0xfd, ...uleb(0xce)],
	f64x2Add: [0xfd, ...uleb(0xf0)],
	f64x2Sub: [0xfd, ...uleb(0xf1)],
	f64x2Sqrt: [0xfd, ...uleb(0xef)],
	f64x2Mul: [0xfd, ...uleb(0xf2)],
	/** pmin(a, b) = b < a ? b : a, lane-wise. */
	f64x2Pmin: [0xfd, ...uleb(0xf6)],
	/** pmax(a, b) = a < b ? b : a, lane-wise. */
	f64x2Pmax: [0xfd, ...uleb(0xf7)]
};

export interface FunctionDef {
	name: string;
	params: number[];
	results: number[];
	/** Extra locals, in order after the parameters. */
	locals: number[];
	body: number[][];
}

/**
 * A module with one exported memory ("memory", `pages` × 64 KiB initially) and the given exported functions. With
 * `sharedMax` (pages), the memory is instead imported as `env.memory`, shared, at most that size: several threads
 * then run the same functions on one memory (kmeans-team.ts).
 */
export function encodeModule(functions: FunctionDef[], pages = 1, sharedMax: number | null = null): Uint8Array<ArrayBuffer> {
	const types = functions.map((f) => [0x60, ...vec(f.params.map((t) => [t])), ...vec(f.results.map((t) => [t]))]);
	const funcs = functions.map((_, i) => uleb(i));
	const memory = [[0x00, ...uleb(pages)]];
	// Import kind 0x02 (memory), limits flag 0x03: shared, with a maximum.
	const imports = sharedMax === null ? [] : [[...str('env'), ...str('memory'), 0x02, 0x03, ...uleb(pages), ...uleb(sharedMax)]];
	const exports = [[...str('memory'), 0x02, 0], ...functions.map((f, i) => [...str(f.name), 0x00, ...uleb(i)])];
	const code = functions.map((f) => {
		// Locals as runs of the same type.
		const runs: number[][] = [];
		for (let i = 0; i < f.locals.length; ) {
			let j = i;
			while (j < f.locals.length && f.locals[j] === f.locals[i]) j++;
			runs.push([...uleb(j - i), f.locals[i]]);
			i = j;
		}
		const body = [...vec(runs), ...f.body.flat(), 0x0b];
		return [...uleb(body.length), ...body];
	});
	return new Uint8Array([
		0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
		...section(1, vec(types)),
		...(sharedMax === null ? [] : section(2, vec(imports))),
		...section(3, vec(funcs)),
		...(sharedMax === null ? section(5, vec(memory)) : []),
		...section(7, vec(exports)),
		...section(10, vec(code))
	]);
}
