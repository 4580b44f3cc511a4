/**
 * Smallest core distances under each k-d tree node, by component, for HDBSCAN's Borůvka rounds: the component
 * holding the node's smallest core distance (coreComp), that distance (coreMin), and the smallest core distance
 * among the node's rows of every other component (coreOther). Seen from component c, the smallest core distance
 * of the rows under v outside c is (coreComp[v] === c ? coreOther[v] : coreMin[v]): it bounds from below the
 * weight of every edge from c into v, and is Infinity for a node wholly inside c.
 */
export interface NodeCores {
	coreComp: Int32Array;
	coreMin: Float64Array;
	coreOther: Float64Array;
	/** Recomputes all three from comp (the component of each tree position), bottom-up. */
	update(): void;
}

export function nodeCores(
	nodes: number, left: Int32Array, start: Int32Array, end: Int32Array, coreT: Float64Array, comp: Int32Array
): NodeCores {
	const coreComp = new Int32Array(nodes);
	const coreMin = new Float64Array(nodes);
	const coreOther = new Float64Array(nodes);
	const update = (): void => {
		// Children follow their parent in node order, so a reverse scan visits children first.
		for (let v = nodes - 1; v >= 0; v--) {
			const c = left[v];
			let bc = -1;
			let b1 = Infinity;
			let b2 = Infinity;
			if (c >= 0) {
				// The children's (component, smallest, smallest of the other components) combine exactly.
				const l1 = coreMin[c], r1 = coreMin[c + 1];
				const lc = coreComp[c], rc = coreComp[c + 1];
				if (l1 <= r1) {
					bc = lc;
					b1 = l1;
					b2 = Math.min(coreOther[c], rc !== lc ? r1 : coreOther[c + 1]);
				} else {
					bc = rc;
					b1 = r1;
					b2 = Math.min(coreOther[c + 1], lc !== rc ? l1 : coreOther[c]);
				}
			} else {
				for (let p = start[v]; p < end[v]; p++) {
					const x = coreT[p];
					if (x < b1) {
						if (comp[p] !== bc) b2 = b1;
						b1 = x;
						bc = comp[p];
					} else if (x < b2 && comp[p] !== bc) b2 = x;
				}
			}
			coreComp[v] = bc;
			coreMin[v] = b1;
			coreOther[v] = b2;
		}
	};
	return { coreComp, coreMin, coreOther, update };
}
