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
	await listen(page, after);
	await cancel.click({ timeout: 10_000 });
	return result(page, timeout);
}

/**
 * The same timing for a job too short for the harness's round trip to catch (a map of 300,000 rows is drawn in a
 * few hundred milliseconds): `start` starts it, and the page itself clicks its Cancel in the first animation frame
 * in which a progress line matching `stage` shows one (a script click: the same handler and the same clock).
 */
export async function timeCancelOnSight(page: Page, stage: RegExp, after: RegExp, start: () => Promise<void>, timeout = 30_000): Promise<CancelTiming> {
	await listen(page, after);
	await page.evaluate(
		([source, ms]) => {
			const pattern = new RegExp(source);
			const until = performance.now() + ms;
			const look = () => {
				const line = [...document.querySelectorAll('[role="status"]')].find((e) => pattern.test(e.textContent ?? ''));
				const button = line && [...line.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Cancel');
				if (button) button.click();
				else if (performance.now() < until) requestAnimationFrame(look);
			};
			requestAnimationFrame(look);
		},
		[stage.source, timeout] as const
	);
	await start();
	return result(page, timeout);
}

async function listen(page: Page, after: RegExp): Promise<void> {
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
}

async function result(page: Page, timeout: number): Promise<CancelTiming> {
	const handle = await page.waitForFunction(() => (window as unknown as { __cancelTiming?: CancelTiming | null }).__cancelTiming, undefined, { timeout, polling: 50 });
	return (await handle.jsonValue()) as CancelTiming;
}
