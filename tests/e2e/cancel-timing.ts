/**
 * Cancel, timed by the page's own clock: from the click event's timestamp (when the browser took the click) until
 * the page is idle with the job gone — the clicked Cancel button detached, a message matching `after` on the page,
 * and one more turn of the page's event loop after the animation frame that found them. A busy test runner does
 * not count (the harness's round trips are outside the measured span); a busy page does, as the user would see it.
 * Used by tests/e2e/cancel.test.ts and bench/journey.bench.ts. Target (#17): 200 ms.
 */
import type { Locator, Page } from 'playwright-core';

export const CANCEL_TARGET_MS = 200;

export interface CancelTiming {
	/** Click → idle, ms. */
	ms: number;
	/** The progress line when Cancel was clicked (what was being stopped). */
	stage: string;
}

export async function timeCancel(page: Page, cancel: Locator, after: RegExp, timeout = 30_000): Promise<CancelTiming> {
	// A bench run by tsx names functions through a helper the page lacks (as bench/longtasks.bench.ts notes).
	await page.evaluate('window.__name = window.__name || ((f) => f)');
	await page.evaluate((source) => {
		const w = window as unknown as { __cancelTiming?: { ms: number; stage: string } | null };
		w.__cancelTiming = null;
		const pattern = new RegExp(source, 'i');
		const onClick = (e: MouseEvent) => {
			const button = (e.target as Element | null)?.closest('button');
			if (!button || button.textContent?.trim() !== 'Cancel') return;
			document.removeEventListener('click', onClick, true);
			const t0 = e.timeStamp;
			const stage = button.closest('[role="status"]')?.textContent?.replace(/\s+/g, ' ').replace(/Cancel$/, '').trim() ?? '';
			const check = () => {
				if (!button.isConnected && pattern.test(document.body.textContent ?? '')) setTimeout(() => (w.__cancelTiming = { ms: performance.now() - t0, stage }));
				else requestAnimationFrame(check);
			};
			requestAnimationFrame(check);
		};
		document.addEventListener('click', onClick, true);
	}, after.source);
	await cancel.click({ timeout: 10_000 });
	const handle = await page.waitForFunction(() => (window as unknown as { __cancelTiming?: CancelTiming | null }).__cancelTiming, undefined, { timeout, polling: 50 });
	return (await handle.jsonValue()) as CancelTiming;
}
