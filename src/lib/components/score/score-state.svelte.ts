/** The Score step's state: a new file scored with a saved model, and the next period tracked against the previous one (both in the worker). */
import { EngineCallError, EngineClient } from '$lib/workers/pool';
import { SessionState } from '$lib/components/export/session-state.svelte';

export class ScoreState extends SessionState {
	/** Track over time (components/score/track/TrackPanel.svelte): a new period against the previous scored file, in the worker. */
	trackFiles(input: Parameters<EngineClient['trackFiles']>[0]) {
		return this.client ? this.client.trackFiles(input) : Promise.reject(new Error('The engine has not started yet.'));
	}

	/** "Score new customers": the last scoring report and its CSV. */
	scoring = $state.raw<{ report: Awaited<ReturnType<EngineClient['scoreFile']>>['report']; csv: Blob; name: string } | null>(null);
	scoringBusy = $state(false);

	async scoreFile(modelText: string, file: Blob, name: string): Promise<void> {
		if (!this.client) return;
		this.scoringBusy = true;
		this.scoring = null;
		try {
			let model: unknown;
			try {
				model = JSON.parse(modelText);
			} catch {
				throw new EngineCallError({ code: 'bad-recipe', message: 'The model file is not JSON.', hint: 'Choose the model file downloaded from Segment Lab.' });
			}
			const out = await this.client.scoreFile(model, { name, blob: file });
			this.scoring = { ...out, name };
		} catch (err) {
			this.fail(err, this.phase);
		} finally {
			this.scoringBusy = false;
		}
	}
}
