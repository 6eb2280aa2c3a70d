/**
 * Fixed seed and bounded runs in `npm test`; `npm run fuzz` raises the runs and picks a random
 * seed (printed, so a failure replays with STANDIN_FUZZ_SEED=<seed>).
 */
export const FUZZ_SEED = Number(process.env.STANDIN_FUZZ_SEED ?? 20260115)
/** Generated requests per route target. */
export const RUNS_PER_TARGET = Number(process.env.STANDIN_FUZZ_RUNS ?? 60)
/** Requests sent through a real socket (the rest go through app.request). */
export const SOCKET_RUNS = Number(process.env.STANDIN_FUZZ_SOCKET_RUNS ?? 60)
