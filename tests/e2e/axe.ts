/** axe-core run in the page: its violations, one line each ("rule: selectors"). */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export async function axe(page: Page): Promise<string[]> {
	if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
	return page.evaluate(async () => {
		// The page as the user meets it: after a rendering step, whose ResizeObserver callbacks set attributes that
		// depend on layout (components/scrollable.ts makes an overflowing box focusable there). Without this, a view
		// opened just before (a <details> set open by a test) was checked one frame early, now and then.
		await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
		const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
		const r = await axe.run(document);
		return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
	});
}
