/**
 * The journey bench's customer file: an id, eight behaviour columns with the skew of real customer data (spend
 * and order values log-normal, counts Poisson-like, recency exponential, a tenure in days, a share in [0, 1]), two
 * categorical columns, and a few missing cells (about 0.5% in two columns). Six latent segments shift the
 * behaviours, so k-means has structure to find. Seeded: the same file every time.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { Rng } from '../src/lib/engine/random';

export const JOURNEY_COLUMNS = ['customer_id', 'total_spend', 'orders', 'avg_basket', 'days_since_last', 'tenure_days', 'visits_per_month', 'returns', 'discount_share', 'region', 'channel'];

export async function writeCustomers(path: string, rows: number, seed = 2026): Promise<void> {
	const rng = new Rng(seed);
	const out = createWriteStream(path);
	const regions = ['North', 'South', 'East', 'West', 'Central'];
	const channels = ['web', 'store', 'app'];
	// Per latent segment: log-spend mean, order rate, recency scale, visit rate, discount share.
	const seg = [
		[4.0, 2, 200, 1, 0.1], [5.5, 6, 60, 3, 0.2], [6.5, 15, 20, 8, 0.05],
		[3.5, 1, 400, 0.5, 0.6], [5.0, 4, 90, 2, 0.4], [7.5, 30, 10, 15, 0.02]
	];
	let buf = JOURNEY_COLUMNS.join(',') + '\n';
	const poisson = (lambda: number) => {
		// Normal approximation above 30, Knuth below (exact enough for a benchmark's skew).
		if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * rng.normal()));
		const L = Math.exp(-lambda);
		let k = 0, p = 1;
		do {
			k++;
			p *= rng.next();
		} while (p > L);
		return k - 1;
	};
	for (let i = 0; i < rows; i++) {
		const s = seg[rng.int(seg.length)];
		const orders = 1 + poisson(s[1]);
		const spend = Math.exp(s[0] + 0.6 * rng.normal());
		const basket = spend / orders;
		const recency = -Math.log(1 - rng.next()) * s[2];
		const tenure = 30 + rng.next() * 2000 + orders * 10;
		const visits = Math.exp(Math.log(s[3]) + 0.4 * rng.normal());
		const returns = poisson(orders * 0.08);
		const discount = Math.min(1, Math.max(0, s[4] + 0.1 * rng.normal()));
		const cells = [
			`C${String(i + 1).padStart(7, '0')}`,
			spend.toFixed(2), String(orders), basket.toFixed(2),
			rng.next() < 0.005 ? '' : recency.toFixed(0), tenure.toFixed(0),
			visits.toFixed(2), String(returns),
			rng.next() < 0.005 ? '' : discount.toFixed(3),
			regions[rng.int(regions.length)], channels[rng.int(channels.length)]
		];
		buf += cells.join(',') + '\n';
		if (buf.length > 1 << 20) {
			if (!out.write(buf)) await once(out, 'drain');
			buf = '';
		}
	}
	out.end(buf);
	await once(out, 'finish');
}
