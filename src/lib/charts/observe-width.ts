/**
 * `use:observeWidth={(w) => …}` and `use:observeHeight={(h) => …}`: a box's size reported from a ResizeObserver's
 * callback only (which runs once after the box is first laid out, then on every resize). Svelte's bind:clientWidth
 * also reads the width synchronously when the box is created, which forces a layout of the page in the middle of
 * building a view: on the Segments step of 117 segments that was most of a 500 ms task.
 */
function observe(read: (node: HTMLElement) => number) {
	return (node: HTMLElement, report: (size: number) => void) => {
		let fn = report;
		const ro = new ResizeObserver(() => fn(read(node)));
		ro.observe(node);
		return {
			update(next: (size: number) => void) {
				fn = next;
			},
			destroy() {
				ro.disconnect();
			}
		};
	};
}

/** The box's clientWidth (inside its border: what a chart can fill). */
export const observeWidth = observe((node) => node.clientWidth);
/** The box's border-box height (what it takes on the page). */
export const observeHeight = observe((node) => node.offsetHeight);
