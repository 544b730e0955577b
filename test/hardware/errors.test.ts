import { describe, expect, it } from 'vitest';
import { buildSystem, SYSTEM_PRESET_NAMES } from '../../src/hardware/index.js';
import type { SystemRequest } from '../../src/hardware/index.js';
import { isUserInputError } from '../../src/user-input-error.js';

function userError(req: SystemRequest): string {
  try {
    buildSystem(req);
  } catch (e) {
    expect(isUserInputError(e)).toBe(true);
    return (e as Error).message;
  }
  throw new Error('expected a UserInputError');
}

describe('bad input names the field and the valid choices', () => {
  it('an unknown preset lists every valid system', () => {
    const msg = userError({ preset: 'trn2.96xlarge' });
    for (const name of SYSTEM_PRESET_NAMES) expect(msg).toContain(name);
  });

  it('an impossible count names system.count and its range', () => {
    expect(userError({ preset: 'trn2.48xlarge', count: 0 })).toMatch(/system\.count: expected an integer from 1 to [\d,]+, got 0/);
    expect(userError({ preset: 'trn2.48xlarge', count: 1.5 })).toMatch(/system\.count/);
    expect(userError({ preset: 'trn2-ultraserver', count: 1e9 })).toMatch(/system\.count/);
  });

  it('an unsupported LNC names system.lnc', () => {
    expect(userError({ preset: 'trn2.48xlarge', lnc: 4 })).toMatch(/system\.lnc: Trainium2 supports lnc 1 or 2, got 4; use 1 or 2\./);
    expect(userError({ preset: 'trn1.32xlarge', lnc: 2 })).toMatch(/system\.lnc: Trainium supports lnc 1, got 2/);
  });

  it('an unknown link id names the override and the valid suffixes', () => {
    const msg = userError({ preset: 'trn2.48xlarge', overrides: { links: { 's0.c3.z+': { removed: true } } } });
    expect(msg).toContain('system.overrides.links["s0.c3.z+"]');
    expect(msg).toContain('.x+');
    expect(userError({ preset: 'trn2.48xlarge', overrides: { links: { 's0.c16.x+': { removed: true } } } })).toContain('unknown link id');
    // EFA links exist only between several units
    expect(userError({ preset: 'trn2.48xlarge', overrides: { links: { 's0.c1.efa.up': { removed: true } } } })).toContain('unknown link id');
  });

  it('a bad scale or field names it', () => {
    expect(userError({ preset: 'trn2.48xlarge', overrides: { links: { 's0.c3.x+': { scale: 1.5 } } } })).toMatch(/links\["s0\.c3\.x\+"\]\.scale: must be in \(0, 1\]/);
    expect(userError({ preset: 'trn2.48xlarge', overrides: { links: { 's0.c3.x+': { speed: 2 } as never } } })).toMatch(/\.speed: unknown field/);
    expect(userError({ preset: 'trn2.48xlarge', overrides: { chips: { 's0.c3': { computeScale: 2 } } } })).toMatch(/chips\["s0\.c3"\]\.computeScale/);
  });

  it('an unknown chip id shows the id style of the preset', () => {
    expect(userError({ preset: 'trn2-ultraserver', overrides: { chips: { 's0.c3': { computeScale: 0.5 } } } })).toMatch(/unknown chip id "s0.c3".*"us0\.s0\.c5"/);
  });

  it('a bad EFA topology or negative bandwidth names the field', () => {
    expect(userError({ preset: 'trn2.48xlarge', count: 2, overrides: { efa: { topology: 'torus' as never } } })).toMatch(/efa\.topology: must be "rail" or "clos"/);
    expect(userError({ preset: 'trn2.48xlarge', overrides: { efa: { bytesPerSecondPerServer: -1 } } })).toMatch(/efa\.bytesPerSecondPerServer: expected a positive number/);
  });

  it('a route between chips that do not exist is a UserInputError', () => {
    const t = buildSystem({ preset: 'trn2.48xlarge' }).topology;
    expect(() => t.route(0, 16, new Int32Array(8))).toThrow(/dst: chip 16 is not a chip of this system; give a chip index in 0\.\.15/);
  });
});
