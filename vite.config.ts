import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	worker: { format: 'es' },
	// Rolldown's note that the SvelteKit plugins take most of a build's time is true of every SvelteKit build and
	// not actionable; it made every `npm run build` print a warning-coloured paragraph.
	build: { rolldownOptions: { checks: { bundlerTimings: false } } },
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					environment: 'node',
					include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'],
					testTimeout: 60_000
				}
			},
			{
				extends: true,
				test: {
					name: 'e2e',
					environment: 'node',
					include: ['tests/e2e/**/*.test.ts'],
					testTimeout: 180_000,
					hookTimeout: 120_000,
					// One browser at a time: this machine has two cores and the app itself uses workers.
					fileParallelism: false
				}
			}
		]
	}
});
