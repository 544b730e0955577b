import { afterEach, describe, expect, it, vi } from 'vitest';
import { Command } from 'commander';
import { register } from '../../src/cli/commands/hardware.js';

async function run(args: string[]): Promise<string> {
  const program = new Command().exitOverride();
  register(program);
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
    out += String(chunk);
    return true;
  });
  try {
    await program.parseAsync(['hardware', ...args], { from: 'user' });
  } finally {
    spy.mockRestore();
  }
  return out;
}

describe('trnsim hardware', () => {
  afterEach(() => vi.restoreAllMocks());

  it('lists the systems', async () => {
    const out = await run([]);
    expect(out).toContain('trn2-ultraserver');
    expect(out).toContain('h100-8x');
  });

  it('prints a table in human units', async () => {
    const out = await run(['trn2.48xlarge']);
    expect(out).toMatch(/Peak FP8 dense\s+20\.78 PFLOP\/s/);
    expect(out).toMatch(/HBM\s+1\.5 TiB at 46\.40 TB\/s/);
    expect(out).toMatch(/Diameter\s+4 hops/);
  });

  it('prints stable JSON in SI units with --count and --lnc', async () => {
    const s = JSON.parse(await run(['trn2-ultraserver', '--count', '2', '--lnc', '1', '--json']));
    expect(s.chips).toBe(128);
    expect(s.ranks).toBe(1024);
    expect(s.peakFlopsPerSecond.fp8).toBe(128 * 1299e12);
    expect(s.efaTopology).toBe('rail');
  });

  it('rejects an unknown name with the valid ones, and a bad --count naming the flag', async () => {
    await expect(run(['trn9'])).rejects.toThrow(/name: unknown system "trn9"; use one of trn1\.32xlarge, .*h100-8x/);
    await expect(run(['trn2.48xlarge', '--count', 'two'])).rejects.toThrow(/--count: expected an integer from 1 to [\d,]+, got "two"\./);
    await expect(run(['trn2.48xlarge', '--lnc', '3'])).rejects.toThrow(/--lnc: Trainium2 supports lnc 1 or 2, got 3; use 1 or 2\./);
    await expect(run(['trn2.48xlarge', '--figure-set', 'nope'])).rejects.toThrow(/unknown figure set "nope"/);
  });
});
