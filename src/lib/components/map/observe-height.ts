/**
 * `use:observeHeight={(h) => …}`: the box's border-box height, reported from a ResizeObserver's callback only (no
 * forced layout while a view is being built, as with charts/observe-width.ts).
 */
export function observeHeight(node: HTMLElement, report: (height: number) => void) {
	let fn = report;
	const ro = new ResizeObserver(() => fn(node.offsetHeight));
	ro.observe(node);
	return {
		update(next: (height: number) => void) {
			fn = next;
		},
		destroy() {
			ro.disconnect();
		}
	};
}
