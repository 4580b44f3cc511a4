/**
 * Disjoint sets over 0..size−1 with path compression, shared by the linkage relabelling and HDBSCAN's spanning
 * trees and hierarchy. `parent` is the caller's to write: each caller unites sets by its own rule (a new
 * cluster label above the rows, or the larger set's root).
 */
export function disjointSets(size: number): { parent: Int32Array; find: (x: number) => number } {
	const parent = new Int32Array(size);
	for (let i = 0; i < size; i++) parent[i] = i;
	const find = (x: number): number => {
		let root = x;
		while (parent[root] !== root) root = parent[root];
		while (parent[x] !== root) {
			const next = parent[x];
			parent[x] = root;
			x = next;
		}
		return root;
	};
	return { parent, find };
}
