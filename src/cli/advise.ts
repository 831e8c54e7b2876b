import { type Command, out, parseCommandArgs, positiveInteger, UsageError } from './common.ts';

const usage = `Usage: yipan advise pooling --positive-rate P [--population N]

Dorfman's two-stage pooling: which ratio (1, 5, 10 or 20 in a tube) needs the fewest tests per
person when a share P of the people is positive, and for a round of N people how many tubes and
re-tests to expect. Needs no database.

  --positive-rate P   expected share of positives: 0.001, or 0.1% (between 0 and 1)
  --population N      people in the round (optional)

The table comes first; the last line on stdout is "ratio=K tests_per_person=E" (E with 4 decimals).`;

function parseRate(raw: string | undefined): number {
  if (raw === undefined) throw new UsageError('--positive-rate is required', 'advise');
  const percent = raw.trim().endsWith('%');
  const n = Number(percent ? raw.trim().slice(0, -1) : raw);
  const p = percent ? n / 100 : n;
  if (!raw.trim() || !Number.isFinite(p) || p < 0 || p > 1) throw new UsageError(`--positive-rate must be a share between 0 and 1 (or a percentage), got "${raw}"`, 'advise');
  return p;
}

async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('advise', args, { 'positive-rate': { type: 'string' }, population: { type: 'string' } });
  if (values.help) {
    out(usage);
    return 0;
  }
  const [what, ...extra] = positionals;
  if (what !== 'pooling') throw new UsageError(what ? `unknown advice "${what}"; expected pooling` : 'say what to advise on: yipan advise pooling --positive-rate P', 'advise');
  if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`, 'advise');
  const rate = parseRate(values['positive-rate']);
  const population = values.population === undefined ? undefined : positiveInteger('advise', 'population', values.population, 1);
  const { advisePooling } = await import('../modules/testing/pooling-advisor.ts');
  const advice = advisePooling(rate, undefined, population);
  out(`positive rate ${rate} (${(rate * 100).toFixed(3)}%)`);
  out('ratio  tests/person');
  for (const row of advice.table) out(`${String(row.ratio).padStart(5)}  ${row.testsPerPerson.toFixed(4)}${row.ratio === advice.ratio ? '  <- best' : ''}`);
  if (advice.round) {
    const r = advice.round;
    out(`round of ${r.population}: ${r.poolTubes} tubes, about ${r.expectedRetests} re-tests, about ${r.expectedTests} tests in all`);
  }
  out(`ratio=${advice.ratio} tests_per_person=${advice.testsPerPerson.toFixed(4)}`);
  return 0;
}

/** `yipan advise pooling`: listed in src/cli/main.ts's COMMANDS. */
export const adviseCommand: Command = { name: 'advise', summary: 'pooling advice: the ratio with the fewest tests per person', usage, run };
