/**
 * Dorfman's two-stage pooling: test pools of k; test each member of a positive pool again alone.
 * With prevalence p, a pool is positive with probability 1 - (1-p)^k, so the expected tests per
 * person are 1/k + 1 - (1-p)^k (for k = 1: exactly 1). The advisor picks the allowed k that
 * minimises it. Pure.
 */
export function testsPerPerson(k: number, p: number): number {
  if (k === 1) return 1;
  return 1 / k + 1 - Math.pow(1 - p, k);
}

export interface PoolingAdvice {
  ratio: number;
  testsPerPerson: number;
  /** Every allowed ratio with its expected tests per person, for the command view. */
  table: Array<{ ratio: number; testsPerPerson: number }>;
  /** For a round of `population`: tubes in the first stage, expected re-tests, expected total. */
  round?: { population: number; poolTubes: number; expectedRetests: number; expectedTests: number };
}

export function advisePooling(positiveRate: number, allowed: readonly number[] = [1, 5, 10, 20], population?: number): PoolingAdvice {
  if (!(positiveRate >= 0 && positiveRate <= 1)) throw new RangeError('positive rate must be between 0 and 1');
  if (allowed.length === 0 || allowed.some((k) => !Number.isInteger(k) || k < 1)) throw new RangeError('allowed ratios must be whole numbers of at least 1');
  const table = [...allowed].sort((a, b) => a - b).map((ratio) => ({ ratio, testsPerPerson: testsPerPerson(ratio, positiveRate) }));
  // Ties go to the smaller pool: same tests, fewer people to call back.
  const best = table.reduce((a, b) => (b.testsPerPerson < a.testsPerPerson - 1e-12 ? b : a));
  const advice: PoolingAdvice = { ratio: best.ratio, testsPerPerson: best.testsPerPerson, table };
  if (population !== undefined) {
    const poolTubes = Math.ceil(population / best.ratio);
    const expectedRetests = best.ratio === 1 ? 0 : population * (1 - Math.pow(1 - positiveRate, best.ratio));
    advice.round = { population, poolTubes, expectedRetests: Math.round(expectedRetests), expectedTests: Math.round(poolTubes + expectedRetests) };
  }
  return advice;
}
