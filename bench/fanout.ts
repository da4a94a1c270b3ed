import type { BenchResult } from './lib/results';
export async function runFanout(): Promise<BenchResult> { throw new Error('todo'); }
