/**
 * Seeded two-dimensional toy datasets for the Learn page, in the spirit of scikit-learn's
 * `datasets.make_blobs`, `make_moons` and `make_circles` and its "comparing clustering algorithms" gallery
 * (varied density, anisotropic blobs, no structure), plus Naftali Harris's smiley face. Points lie roughly in
 * [-1, 1]² and come shuffled, so a scan in index order (DBSCAN) does not meet one shape after another.
 */
import { Rng } from '../random';

export const TOY_SHAPES = ['blobs', 'smiley', 'moons', 'rings', 'density', 'anisotropic', 'noise'] as const;
export type ToyShape = (typeof TOY_SHAPES)[number];

export const TOY_SHAPE_NAMES: Record<ToyShape, string> = {
	blobs: 'Gaussian blobs',
	smiley: 'Smiley face',
	moons: 'Two moons',
	rings: 'Concentric rings',
	density: 'Varied density',
	anisotropic: 'Anisotropic blobs',
	noise: 'Uniform noise'
};

export interface ToyData {
	/** rows × 2, row-major. */
	data: Float64Array;
	rows: number;
}

export function isToyShape(s: string): s is ToyShape {
	return (TOY_SHAPES as readonly string[]).includes(s);
}

/** `n` points (at least 10) of the named shape; the same (shape, n, seed) gives the same points everywhere. */
export function toyShape(shape: ToyShape, n: number, seed: number): ToyData {
	const rows = Math.max(10, Math.floor(n));
	const rng = new Rng(seed);
	const out = new Float64Array(rows * 2);
	const put = (i: number, x: number, y: number) => {
		out[2 * i] = clamp(x);
		out[2 * i + 1] = clamp(y);
	};
	switch (shape) {
		case 'blobs': {
			const centres = spreadCentres(rng, 4, 0.65, 0.55);
			for (let i = 0; i < rows; i++) {
				const c = centres[i % 4];
				put(i, c[0] + 0.13 * rng.normal(), c[1] + 0.13 * rng.normal());
			}
			break;
		}
		case 'density': {
			// Three blobs of very different spread: k-means splits the wide one, DBSCAN's single eps cannot fit all.
			const spec = [[-0.55, 0.5, 0.06], [0.45, 0.45, 0.12], [0, -0.45, 0.3]];
			for (let i = 0; i < rows; i++) {
				const s = spec[i % 3];
				put(i, s[0] + s[2] * rng.normal(), s[1] + s[2] * rng.normal());
			}
			break;
		}
		case 'anisotropic': {
			// sklearn's example: blobs stretched by the linear map [[0.6, -0.64], [-0.41, 0.85]].
			const centres = [[-0.9, 0.6], [0.2, 0.1], [-0.2, -1.0]];
			for (let i = 0; i < rows; i++) {
				const c = centres[i % 3];
				const x = c[0] + 0.22 * rng.normal(), y = c[1] + 0.22 * rng.normal();
				put(i, 0.75 * (0.6 * x - 0.64 * y) + 0.1, 0.75 * (-0.41 * x + 0.85 * y) - 0.08);
			}
			break;
		}
		case 'moons': {
			for (let i = 0; i < rows; i++) {
				const t = Math.PI * rng.next();
				let x: number, y: number;
				if (i % 2 === 0) (x = Math.cos(t)), (y = Math.sin(t));
				else (x = 1 - Math.cos(t)), (y = 0.5 - Math.sin(t));
				// sklearn's moons span x ∈ [-1, 2], y ∈ [-0.5, 1]; centre and scale into the square.
				put(i, 0.62 * (x - 0.5) + 0.06 * rng.normal(), 0.62 * (y - 0.25) + 0.06 * rng.normal());
			}
			break;
		}
		case 'rings': {
			for (let i = 0; i < rows; i++) {
				const r = i % 2 === 0 ? 0.82 : 0.35;
				const t = 2 * Math.PI * rng.next();
				put(i, r * Math.cos(t) + 0.04 * rng.normal(), r * Math.sin(t) + 0.04 * rng.normal());
			}
			break;
		}
		case 'smiley': {
			for (let i = 0; i < rows; i++) {
				const part = i % 10;
				if (part < 5) {
					// Face outline.
					const t = 2 * Math.PI * rng.next();
					put(i, 0.85 * Math.cos(t) + 0.03 * rng.normal(), 0.85 * Math.sin(t) + 0.03 * rng.normal());
				} else if (part < 7) {
					// Eyes.
					const ex = part === 5 ? -0.3 : 0.3;
					put(i, ex + 0.06 * rng.normal(), 0.3 + 0.07 * rng.normal());
				} else {
					// Mouth: the lower arc of a circle.
					const t = Math.PI * (1.2 + 0.6 * rng.next());
					put(i, 0.5 * Math.cos(t) + 0.03 * rng.normal(), 0.5 * Math.sin(t) + 0.03 * rng.normal());
				}
			}
			break;
		}
		case 'noise': {
			for (let i = 0; i < rows; i++) put(i, 1.8 * rng.next() - 0.9, 1.8 * rng.next() - 0.9);
			break;
		}
	}
	return { data: shuffleRows(out, rows, rng), rows };
}

/** `m` centres within ±`range`, at least `minGap` apart (relaxed if the draw keeps failing). */
function spreadCentres(rng: Rng, m: number, range: number, minGap: number): number[][] {
	const centres: number[][] = [];
	let gap = minGap;
	for (let tries = 0; centres.length < m; tries++) {
		if (tries > 200) (gap *= 0.9), (tries = 0);
		const c = [range * (2 * rng.next() - 1), range * (2 * rng.next() - 1)];
		if (centres.every((d) => Math.hypot(d[0] - c[0], d[1] - c[1]) >= gap)) centres.push(c);
	}
	return centres;
}

function shuffleRows(data: Float64Array, rows: number, rng: Rng): Float64Array {
	const order = rng.shuffle(Int32Array.from({ length: rows }, (_, i) => i));
	const out = new Float64Array(rows * 2);
	for (let i = 0; i < rows; i++) {
		out[2 * i] = data[2 * order[i]];
		out[2 * i + 1] = data[2 * order[i] + 1];
	}
	return out;
}

function clamp(v: number): number {
	return v < -0.98 ? -0.98 : v > 0.98 ? 0.98 : v;
}
