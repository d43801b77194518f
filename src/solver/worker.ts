/**
 * Worker-thread entry of {@link solveParallel}: builds the meeting from its
 * (expanded, plain-data) spec, claims its start (none when the portfolio's
 * deadline has passed or the calling thread dropped it), runs one seeded
 * `solve` with what is left of the deadline, and posts progress and the result
 * back. Built as its own file (`dist/solver-worker.js`).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildMeeting } from '../model/build.js';
import { IssueList } from '../spec/errors.js';
import { solve } from './solve.js';
import { CLAIM, wallMs } from './parallel.js';
import type { WorkerJob, WorkerMessage } from './parallel.js';

const job = workerData as WorkerJob;
const port = parentPort!;
const post = (m: WorkerMessage) => port.postMessage(m);
try {
  const issues = new IssueList();
  const meeting = buildMeeting(job.spec, issues);
  if (!meeting || issues.length > 0) throw new Error(`the meeting does not build in the worker: ${issues.issues.map((i) => i.message).join('; ')}`);
  const claim = new Int32Array(job.claim);
  const left = job.deadline === undefined ? undefined : job.deadline - wallMs();
  if (left !== undefined && left <= 0) Atomics.compareExchange(claim, 0, CLAIM.open, CLAIM.dropped);
  if (Atomics.compareExchange(claim, 0, CLAIM.open, CLAIM.started) !== CLAIM.open) {
    post({ type: 'dropped', seed: job.seed });
  } else {
    const result = solve(meeting, {
      seed: job.seed,
      ...(job.iterations !== undefined ? { iterations: job.iterations } : {}),
      ...(left !== undefined ? { timeLimitMs: left } : {}),
      ...(job.previous ? { previous: job.previous } : {}),
      assert: job.assert,
      ...(job.stop ? { stop: new Int32Array(job.stop) } : {}),
      onProgress: (p) => post({ type: 'progress', seed: job.seed, progress: p }),
    });
    post({ type: 'done', seed: job.seed, result });
  }
} catch (e) {
  post({ type: 'error', seed: job.seed, message: e instanceof Error ? e.message : String(e) });
}
