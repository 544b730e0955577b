import { describe, expect, it } from 'vitest';
import { parseQuantity } from '../../src/scenario/quantity.js';
import { UserInputError } from '../../src/user-input-error.js';

describe('parseQuantity', () => {
  it('parses data sizes with binary and decimal prefixes into bytes', () => {
    expect(parseQuantity('96 GiB', 'bytes', 'f')).toBe(96 * 1024 ** 3);
    expect(parseQuantity('2 GB', 'bytes', 'f')).toBe(2e9);
    expect(parseQuantity('2 KB', 'bytes', 'f')).toBe(2000);
    expect(parseQuantity('24 MiB', 'bytes', 'f')).toBe(24 * 1024 ** 2);
  });

  it('parses bandwidths in bytes/s and bits/s into bytes per second', () => {
    expect(parseQuantity('2.9 TB/s', 'bytesPerSecond', 'f')).toBe(2.9e12);
    // 3.2 Tb/s = 3.2e12 bits/s / 8 = 4e11 B/s
    expect(parseQuantity('3.2 Tb/s', 'bytesPerSecond', 'f')).toBe(4e11);
    expect(parseQuantity('100 Gbps', 'bytesPerSecond', 'f')).toBe(1.25e10);
    expect(parseQuantity('820 GiB/s', 'bytesPerSecond', 'f')).toBe(820 * 1024 ** 3);
  });

  it('parses durations, rates, compute rates and power', () => {
    expect(parseQuantity('15 us', 'seconds', 'f')).toBe(1.5e-5);
    expect(parseQuantity('15 µs', 'seconds', 'f')).toBe(1.5e-5);
    expect(parseQuantity('1.5 ms', 'seconds', 'f')).toBe(1.5e-3);
    expect(parseQuantity('4 /s', 'perSecond', 'f')).toBe(4);
    expect(parseQuantity('240 /min', 'perSecond', 'f')).toBe(4);
    expect(parseQuantity('4 Hz', 'perSecond', 'f')).toBe(4);
    expect(parseQuantity('667 TFLOP/s', 'flopsPerSecond', 'f')).toBe(6.67e14);
    expect(parseQuantity('1.299 PFLOPS', 'flopsPerSecond', 'f')).toBe(1.299e15);
    expect(parseQuantity('1 kW', 'watts', 'f')).toBe(1000);
  });

  it('takes plain numbers and unitless strings as SI', () => {
    expect(parseQuantity(4e11, 'bytesPerSecond', 'f')).toBe(4e11);
    expect(parseQuantity('1.5e-5', 'seconds', 'f')).toBe(1.5e-5);
  });

  it('rejects absurd units, wrong dimensions and non-quantities with the field path', () => {
    const bad: Array<[unknown, Parameters<typeof parseQuantity>[1]]> = [
      ['12 parsecs', 'seconds'],
      ['12 parsec', 'bytes'],
      ['3 GiB', 'seconds'],
      ['fast', 'bytesPerSecond'],
      [null, 'bytes'],
      [{}, 'bytes'],
      [Number.NaN, 'seconds'],
      ['1e999 B', 'bytes'],
      ['5 GB/s', 'flopsPerSecond'],
    ];
    for (const [v, d] of bad) {
      let err: unknown;
      try {
        parseQuantity(v, d, 'system.overrides.efa.latency');
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(UserInputError);
      expect((err as Error).message).toMatch(/^system\.overrides\.efa\.latency: expected a/);
      expect((err as Error).message).not.toContain('\n');
    }
  });
});
