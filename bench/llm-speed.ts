// Generation speed through the app against @wllama/wllama called directly, on the same model in the
// same run: one profile, one page (same origin, isolation, CSP and thread count), the same GGUF bytes
// (the store's download of the mirror's file, and the mirror's file fetched straight), the same
// self-hosted wllama.wasm and the same completion: the check's prompt, token cap, temperature 0 and
// stop sequences. After one discarded warm-up each, the paths alternate A B B A A B … so neither
// always runs first and slow drift of the machine lands on both alike.
import { stopSequencesForPlain } from '../src/core/prompt-format';
import type { ModelEntry } from '../src/catalog/types';
import { downloadViaUi } from './app-driver';
import { appWllamaWasm } from './llm-direct/bundle';
import type { CompletionRequest } from './llm-direct/wllama-direct';
import { alignToDirect, appRun, directRun, loadDirect, unloadDirect, type AppRun, type DirectRun, type Speed } from './llm-runs';
import { modelUrls, type Servers } from './servers';
import { withSession } from './session';
import { median, summarise, type Summary } from './stats';

// The check's completion (src/ui/model-check/checks.ts STORY_PROMPT / STORY_TOKENS, a lone prompt sent
// as itself by the router's plainPrompt) and the CPU service's context (wllama-service.ts
// DEFAULT_CPU_CONTEXT). Not imported: both modules pull in browser-only code. A drift shows up as
// different token counts, which fails the part.
export const LLM_REQUEST: CompletionRequest = {
  prompt: 'Once upon a time',
  maxTokens: 24,
  temperature: 0,
  stop: stopSequencesForPlain(),
};
const APP_CONTEXT = 2048;

export interface LlmPair {
  pair: number;
  appFirst: boolean;
  app: AppRun;
  direct: DirectRun;
}

export interface SpeedSummary {
  ttftMs: Summary;
  tokensPerSecond: Summary;
}

export interface LlmSpeedResult {
  model: string;
  request: CompletionRequest;
  contextSize: number;
  threads: number;
  crossOriginIsolated: boolean;
  hardwareConcurrency: number;
  /** Timed runs per path (warm-ups excluded). */
  runs: number;
  tokens: number;
  /** The app's first "Test on this device" (download excluded), and the direct path's fetch + load. */
  appLoadMs: number;
  directLoadMs: number;
  /** Every run on both paths wrote the same story; otherwise the distinct ones. */
  sameText: boolean;
  texts: string[];
  direct: SpeedSummary;
  /** As a person sees it (click to screen). */
  app: SpeedSummary;
  /** median(app tokens/s) / median(direct): 1 = the app costs nothing; higher is better. */
  tokensPerSecondRatio: number;
  /** median(direct TTFT) / median(app TTFT): 1 = the app costs nothing; higher is better. */
  ttftRatio: number;
  /** The same with the fastest run of each path: on a shared machine, other work only ever adds time.
   *  tokens/s from the check line's figures: on screen, a run whose first update came late and whose
   *  other tokens came in one more update looks faster than the engine, so its fastest run means nothing. */
  tokensPerSecondRatioFastest: number;
  ttftRatioFastest: number;
  /** What the app adds, as the median of each pair's difference: ms before the first token, and ms
   *  per later token. Unlike the ratios these carry over to a bigger model: on stories260K a token
   *  takes about 1 ms, so any fixed cost per token weighs far more than with a real one. */
  addedTtftMs: number;
  addedMsPerToken: number;
  /** The check line's own figures (timed in the llm worker) against direct runs timed the same way. */
  reported: { app: SpeedSummary; direct: SpeedSummary; tokensPerSecondRatio: number; ttftRatio: number };
  samples: LlmPair[];
}

const msPerToken = (s: Speed) => 1000 / s.tokensPerSecond;

// A run whose tokens all appeared in one screen update has no decode rate (NaN): it is left out of the
// tokens/s figures rather than poisoning their sort. The samples keep it.
const summariseSpeed = (speeds: Speed[]): SpeedSummary => ({
  ttftMs: summarise(speeds.map((s) => s.ttftMs)),
  tokensPerSecond: summarise(speeds.map((s) => s.tokensPerSecond).filter(Number.isFinite)),
});

function checkSameTokens(pair: number, app: AppRun, direct: DirectRun): AppRun {
  if (app.text !== direct.text || direct.pieces !== direct.tokens) {
    throw new Error(
      `run ${pair}: the app showed "${app.text}", wllama directly gave "${direct.text}" ` +
        `(${direct.tokens} tokens in ${direct.pieces} pieces): the two paths did not do the same work`,
    );
  }
  return alignToDirect(app, direct);
}

export async function measureLlmSpeed(servers: Servers, model: ModelEntry, pairs: number): Promise<LlmSpeedResult> {
  const [ggufUrl, ...more] = modelUrls(servers.mirror.url, model);
  if (!ggufUrl || more.length)
    throw new Error(`${model.name}: the direct path loads one GGUF file, the catalog lists ${1 + more.length}`);
  return withSession(servers, async ({ page }) => {
    await downloadViaUi(page, model);
    const warmApp = await appRun(page, model, LLM_REQUEST.prompt); // loads the model in the app's llm worker
    const device = await page.evaluate(() => ({ isolated: crossOriginIsolated, cores: navigator.hardwareConcurrency }));
    const loaded = await loadDirect(page, {
      wasmUrl: appWllamaWasm(servers.appDir),
      ggufUrl,
      threads: warmApp.threads,
      contextSize: APP_CONTEXT,
    });
    if (loaded.threads !== warmApp.threads)
      throw new Error(`the app runs ${warmApp.threads} threads, wllama directly ${loaded.threads}`);
    try {
      checkSameTokens(0, warmApp, await directRun(page, LLM_REQUEST)); // the direct warm-up
      const samples: LlmPair[] = [];
      for (let pair = 1; pair <= pairs; pair++) {
        const appFirst = pair % 2 === 1; // A B, B A, A B, …
        const first = appFirst ? await appRun(page, model, LLM_REQUEST.prompt) : await directRun(page, LLM_REQUEST);
        const second = appFirst ? await directRun(page, LLM_REQUEST) : await appRun(page, model, LLM_REQUEST.prompt);
        const [shown, direct] = (appFirst ? [first, second] : [second, first]) as [AppRun, DirectRun];
        const app = checkSameTokens(pair, shown, direct);
        samples.push({ pair, appFirst, app, direct });
      }
      const texts = [...new Set(samples.flatMap((s) => [s.app.text, s.direct.text]))];
      const app = summariseSpeed(samples.map((s) => s.app.screen));
      const direct = summariseSpeed(samples.map((s) => s.direct.speed));
      const reportedApp = summariseSpeed(samples.map((s) => s.app.reported));
      const reportedDirect = summariseSpeed(samples.map((s) => s.direct.asReported));
      return {
        model: model.name,
        request: LLM_REQUEST,
        contextSize: APP_CONTEXT,
        threads: warmApp.threads,
        crossOriginIsolated: device.isolated,
        hardwareConcurrency: device.cores,
        runs: samples.length,
        tokens: samples[0]!.direct.tokens,
        appLoadMs: warmApp.loadMs,
        directLoadMs: loaded.loadMs,
        sameText: texts.length === 1,
        texts,
        direct,
        app,
        tokensPerSecondRatio: app.tokensPerSecond.median / direct.tokensPerSecond.median,
        ttftRatio: direct.ttftMs.median / app.ttftMs.median,
        tokensPerSecondRatioFastest: reportedApp.tokensPerSecond.max / reportedDirect.tokensPerSecond.max,
        ttftRatioFastest: direct.ttftMs.min / app.ttftMs.min,
        addedTtftMs: median(samples.map((s) => s.app.screen.ttftMs - s.direct.speed.ttftMs)),
        addedMsPerToken: median(
          samples.map((s) => msPerToken(s.app.screen) - msPerToken(s.direct.speed)).filter(Number.isFinite),
        ),
        reported: {
          app: reportedApp,
          direct: reportedDirect,
          tokensPerSecondRatio: reportedApp.tokensPerSecond.median / reportedDirect.tokensPerSecond.median,
          ttftRatio: reportedDirect.ttftMs.median / reportedApp.ttftMs.median,
        },
        samples,
      };
    } finally {
      await unloadDirect(page);
    }
  });
}
