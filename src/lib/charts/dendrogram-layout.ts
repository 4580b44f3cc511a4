import { cutAtHeight } from '$lib/engine/cluster/cut-tree';
import { relabelBySize } from '$lib/engine/profile/segment-means';

/**
 * Layout of a truncated dendrogram, as SciPy's `dendrogram(Z, truncate_mode='lastp', p)`: only the last p − 1
 * merges are drawn; every subtree below them is one leaf labelled with its size. Leaves are spaced evenly in
 * depth-first order from the root, a merge sits above the middle of its children at its height.
 */
export interface DendroLink {
	/** x of the left child, the right child, the parent (0..leaves-1 units); heights of the children and the merge. */
	x1: number;
	x2: number;
	y1: number;
	y2: number;
	h: number;
	/** One original row under the merge (its segment colours the link when the merge is below the cut). */
	rep: number;
}

export interface DendroLayout {
	links: DendroLink[];
	/** Truncated leaves in drawing order: x position and rows under them. */
	leaves: { x: number; size: number; rep: number }[];
	maxHeight: number;
}

export function dendrogramLayout(Z: Float64Array, n: number, p = 30): DendroLayout {
	if (n < 2) return { links: [], leaves: [{ x: 0, size: n, rep: 0 }], maxHeight: 0 };
	const merges = n - 1;
	const shown = Math.min(merges, Math.max(1, p - 1));
	const firstShown = merges - shown; // merge rows ≥ this are drawn
	const isDrawn = (id: number) => id >= n + firstShown;
	const size = (id: number) => (id < n ? 1 : Z[(id - n) * 4 + 3]);
	const rep = (id: number) => {
		while (id >= n) id = Z[(id - n) * 4];
		return id;
	};
	const leaves: { x: number; size: number; rep: number }[] = [];
	const links: DendroLink[] = [];
	let maxHeight = 0;
	// Iterative post-order from the root, so deep trees cannot overflow the stack.
	const pos = new Map<number, { x: number; y: number }>();
	const stack: [number, boolean][] = [[n + merges - 1, false]];
	while (stack.length) {
		const [id, visited] = stack.pop()!;
		if (!isDrawn(id)) {
			pos.set(id, { x: leaves.length, y: 0 });
			leaves.push({ x: leaves.length, size: size(id), rep: rep(id) });
			continue;
		}
		const r = id - n;
		const a = Z[r * 4], b = Z[r * 4 + 1];
		if (!visited) {
			stack.push([id, true], [b, false], [a, false]);
			continue;
		}
		const pa = pos.get(a)!, pb = pos.get(b)!;
		const h = Z[r * 4 + 2];
		if (h > maxHeight) maxHeight = h;
		links.push({ x1: pa.x, x2: pb.x, y1: pa.y, y2: pb.y, h, rep: rep(id) });
		pos.set(id, { x: (pa.x + pb.x) / 2, y: h });
	}
	return { links, leaves, maxHeight };
}

/**
 * The segment of every row when the tree is cut at height `h`: the engine's numbering (clusters in order of first
 * appearance, then relabelled by size, largest = segment 1), so a branch takes its segment's colour.
 */
export function segmentsAtHeight(Z: Float64Array, n: number, h: number): Int32Array {
	if (n < 2) return new Int32Array(n);
	const raw = cutAtHeight(Z, n, h);
	let k = 0;
	for (const v of raw) if (v + 1 > k) k = v + 1;
	return relabelBySize(raw, k).labels;
}
