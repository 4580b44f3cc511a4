/**
 * For a box that scrolls sideways (class "scroll"): while its content is wider than it, the box takes the
 * keyboard focus (so arrow keys scroll it; WCAG 2.1.1, axe's scrollable-region-focusable) and is a region named
 * `label` "(scrolls sideways)"; when everything fits it is a plain box again, out of the tab order.
 * Measured only in the ResizeObserver's callback (which also runs once after the box is first laid out): reading
 * scrollWidth while a view is being built forced a layout per box, 150 ms on the Segments step of 117 segments.
 */
export function scrollable(node: HTMLElement, label: string) {
	let name = label;
	const update = () => {
		if (node.scrollWidth > node.clientWidth + 1) {
			node.tabIndex = 0;
			node.setAttribute('role', 'region');
			node.setAttribute('aria-label', `${name} (scrolls sideways)`);
		} else {
			node.removeAttribute('tabindex');
			node.removeAttribute('role');
			node.removeAttribute('aria-label');
		}
	};
	const ro = new ResizeObserver(update);
	ro.observe(node);
	for (const child of node.children) ro.observe(child);
	return {
		update(next: string) {
			name = next;
			if (node.getAttribute('role') === 'region') node.setAttribute('aria-label', `${name} (scrolls sideways)`);
		},
		destroy() {
			ro.disconnect();
		}
	};
}
