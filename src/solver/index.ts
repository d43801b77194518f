/**
 * The solver: `solve` (one seeded search) and `solveParallel` (a portfolio of
 * seeds in worker threads).
 */
export { solve, defaultBudget } from './solve.js';
export type { SolveOptions, SolveProgress, SolveResult, Budget } from './solve.js';
export { solveParallel, WORKERS_MAX } from './parallel.js';
export type { PortfolioResult } from './parallel.js';
export { diagnose, countingBounds } from './diagnose.js';
export { compile } from './compile.js';
export type { Problem, CompileOptions } from './compile.js';
export type { DiagnoseOptions } from './diagnose.js';
