import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { SUITES } from '../../bench/suites/index.js';

// The built CLIs (npm test builds first): exactly the contract of issue 3.
const holdCli = 'dist/bench/hold-cli.js';

describe('bench:hold CLI', () => {
  it('prints exactly one JSON line with the peers fields and the README end time', () => {
    expect(existsSync(holdCli)).toBe(true);
    const r = spawnSync(process.execPath, [holdCli, '3', '10', '12345'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(1);
    const cell = JSON.parse(lines[0]!);
    expect(Object.keys(cell)).toEqual(['peer', 'n', 'm', 'seed', 'eventsPerSecond', 'endTime']);
    expect(cell).toMatchObject({ peer: 'trnsim', n: 3, m: 10, seed: 12345, endTime: 1.8379950630261976 });
    expect(cell.eventsPerSecond).toBeGreaterThan(0);
  });

  it.each([
    [['3', '10'], /expected 3 arguments, got 2/],
    [['0', '10', '1'], /N must be in 1\.\./],
    [['3', '-1', '1'], /M must be a non-negative integer, got '-1'/],
    [['3', '10', '4294967296'], /SEED must be in 0\.\.4294967295/],
  ])('exits 2 with a usage line for %j', (args, message) => {
    const r = spawnSync(process.execPath, [holdCli, ...args], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });
});

describe('bench suites registry', () => {
  it('has unique names, the engine suite first, and rejects an unknown suite with the list', () => {
    const names = SUITES.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names[0]).toBe('engine');
    const r = spawnSync(process.execPath, ['dist/bench/run-all.js', 'no-such-suite'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`unknown suite 'no-such-suite'; suites: ${names.join(', ')}`);
  });
});
