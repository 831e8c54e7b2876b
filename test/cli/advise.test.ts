import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runCli } from './cli-helpers.ts';

describe('yipan advise pooling', () => {
  test('prints the table and ends with ratio and tests per person', async () => {
    const r = await runCli(['advise', 'pooling', '--positive-rate', '0.001', '--population', '100000']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.last, 'ratio=20 tests_per_person=0.0698');
    assert.match(r.stdout, /ratio {2}tests\/person/);
    assert.match(r.stdout, / {4}5 {2}0\.2050/);
    assert.match(r.stdout, /round of 100000: 5000 tubes/);
  });

  test('a high positive rate advises single samples; a percentage is accepted', async () => {
    assert.equal((await runCli(['advise', 'pooling', '--positive-rate', '30%'])).last, 'ratio=1 tests_per_person=1.0000');
    assert.equal((await runCli(['advise', 'pooling', '--positive-rate', '0.01'])).last, 'ratio=10 tests_per_person=0.1956');
  });

  test('usage errors exit 2', async () => {
    for (const args of [['advise'], ['advise', 'pooling'], ['advise', 'pooling', '--positive-rate', '2'], ['advise', 'tubes', '--positive-rate', '0.1'], ['advise', 'pooling', '--positive-rate', '0.1', '--population', '-3']]) {
      const r = await runCli(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, /^yipan: /);
    }
    assert.equal((await runCli(['advise', '--help'])).code, 0);
  });
});
