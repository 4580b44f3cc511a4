/**
 * `use:observeWidth={(w) => …}`: the box's clientWidth, reported from a ResizeObserver's callback only (which runs
 * once after the box is first laid out, then on every resize). Svelte's bind:clientWidth also reads the width
 * synchronously when the box is created, which forces a layout of the page in the middle of building a view:
 * on the Segments step of 117 segments that was most of a 500 ms task.
 */
export function observeWidth(node: HTMLElement, report: (width: number) => void) {
	let fn = report;
	const ro = new ResizeObserver(() => fn(node.clientWidth));
	ro.observe(node);
	return {
		update(next: (width: number) => void) {
			fn = next;
		},
		destroy() {
			ro.disconnect();
		}
	};
}
