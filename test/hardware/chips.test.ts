import { describe, expect, it } from 'vitest';
import { buildSystem, systemSummary, TRAINIUM2, TRAINIUM1, TRAINIUM3, H100_SXM, CHIPS, CHIP_FIGURE_SETS } from '../../src/hardware/index.js';
import { GB, GiB, TiB, TB, PFLOPS, TFLOPS, GBPS_BITS } from '../../src/units.js';

describe('chip catalogue', () => {
  it('carries the official per-chip figures of reference/hardware.md §1.1 and §1.3', () => {
    expect(TRAINIUM2.peakFlopsPerSecond.fp8).toBe(1299 * TFLOPS);
    expect(TRAINIUM2.peakFlopsPerSecond.bf16).toBe(667 * TFLOPS);
    expect(TRAINIUM2.peakFlopsPerSecond.fp32).toBe(181 * TFLOPS);
    expect(TRAINIUM2.hbmBytes).toBe(96 * GiB);
    expect(TRAINIUM2.hbmBytesPerSecond).toBe(2.9 * TB);
    expect(TRAINIUM1.peakFlopsPerSecond.bf16).toBe(190 * TFLOPS);
    expect(TRAINIUM1.hbmBytesPerSecond).toBe(820 * GiB);
    expect(TRAINIUM3.peakFlopsPerSecond.fp8).toBe(2517 * TFLOPS);
    expect(TRAINIUM3.hbmBytes).toBe(144 * GiB);
    expect(H100_SXM.peakFlopsPerSecond.bf16).toBe(989 * TFLOPS);
    expect(H100_SXM.hbmBytes).toBe(80 * GB);
  });

  it('marks every Trainium power figure as an estimate', () => {
    for (const c of CHIPS.filter((c) => c.vendor === 'aws')) expect(c.estimates).toContain('powerW');
  });

  it('orders datatypes so fp8 >= bf16 >= fp32 on every chip', () => {
    for (const c of CHIPS) {
      expect(c.peakFlopsPerSecond.fp8!).toBeGreaterThanOrEqual(c.peakFlopsPerSecond.bf16!);
      expect(c.peakFlopsPerSecond.bf16!).toBeGreaterThan(c.peakFlopsPerSecond.fp32!);
    }
  });
});

describe('published aggregates from per-chip figures', () => {
  it('trn2.48xlarge: 16 x 1,299 TFLOPS = 20.78 PF FP8 (press: 20.8), 10.7 PF BF16, 1,536 GiB, 16 x 2.9 = 46.4 TB/s', () => {
    const s = systemSummary(buildSystem({ preset: 'trn2.48xlarge' }));
    expect(s.peakFlopsPerSecond.fp8! / PFLOPS).toBeCloseTo(20.784, 9);
    expect(Math.round(s.peakFlopsPerSecond.fp8! / PFLOPS * 10) / 10).toBe(20.8);
    expect(Math.round(s.peakFlopsPerSecond.bf16! / PFLOPS * 10) / 10).toBe(10.7);
    expect(Math.round(s.peakFlopsPerSecond.fp32! / PFLOPS * 10) / 10).toBe(2.9);
    expect(Math.round(s.sparseFlopsPerSecond! / PFLOPS)).toBe(41);
    expect(s.hbmBytes).toBe(1536 * GiB);
    expect(s.hbmBytesPerSecond / TB).toBeCloseTo(46.4, 9);
    expect(s.efaBytesPerSecondPerServer).toBe(3200 * GBPS_BITS); // hardware.md §2.2: 3.2 Tbps
    expect(s.neuronLinkBytesPerSecondPerChip).toBe(1024 * GB); // §2.2: 1,024 GB/s intra-instance
    expect(s.ranks).toBe(64);
  });

  it('Trn2 UltraServer: 64 x 1,299 = 83.1 PF FP8 (quoted 83.2), 96 GiB x 64 = 6 TiB, 185.6 TB/s, 42.7 PF BF16', () => {
    const s = systemSummary(buildSystem({ preset: 'trn2-ultraserver' }));
    expect(s.peakFlopsPerSecond.fp8! / PFLOPS).toBeCloseTo(83.136, 9);
    expect(s.hbmBytes).toBe(6 * TiB);
    expect(s.hbmBytes).toBe(6144 * GiB);
    expect(s.hbmBytesPerSecond / TB).toBeCloseTo(185.6, 9);
    // hardware.md §2.1 prints 42.8 PF BF16; 64 x 667 = 42.69 (the table rounds up)
    expect(s.peakFlopsPerSecond.bf16! / PFLOPS).toBeCloseTo(42.688, 9);
    expect(s.neuronLinkBytesPerSecondPerChip).toBe(1280 * GB); // §1.1: 1.28 TB/s per chip
    expect(s.efaBytesPerSecond).toBe(12.8e12 / 8); // §7: 12.8 Tbps per UltraServer
  });

  it('trn1.32xlarge: 16 x 190 = 3,040 TF BF16, 760 TF FP32, 512 GiB, 13,120 GiB/s, 800 Gbps EFA, 32 ranks', () => {
    const s = systemSummary(buildSystem({ preset: 'trn1.32xlarge' }));
    expect(s.peakFlopsPerSecond.bf16).toBe(3040 * TFLOPS);
    expect(s.peakFlopsPerSecond.fp32).toBe(760 * TFLOPS);
    expect(s.hbmBytes).toBe(512 * GiB);
    expect(s.hbmBytesPerSecond).toBe(13120 * GiB);
    expect(s.efaBytesPerSecondPerServer).toBe(800 * GBPS_BITS);
    expect(s.ranks).toBe(32);
  });

  it('Trn3 UltraServers: 64 x 2,517 = 161,088 TF and 144 x 4.9 = 705.6 TB/s, 20,736 GiB, 28,800 Gbps EFA', () => {
    const g1 = systemSummary(buildSystem({ preset: 'trn3-ultraserver-64' }));
    expect(g1.peakFlopsPerSecond.fp8).toBe(161088 * TFLOPS);
    expect(g1.peakFlopsPerSecond.bf16).toBe(42944 * TFLOPS);
    expect(g1.hbmBytes).toBe(9216 * GiB);
    expect(g1.efaBytesPerSecond).toBe(12800 * GBPS_BITS);
    const g2 = systemSummary(buildSystem({ preset: 'trn3-ultraserver-144' }));
    expect(g2.peakFlopsPerSecond.fp8).toBe(362448 * TFLOPS);
    expect(g2.peakFlopsPerSecond.fp32).toBe(26352 * TFLOPS);
    expect(g2.hbmBytesPerSecond / TB).toBeCloseTo(705.6, 9);
    expect(g2.hbmBytes).toBe(20736 * GiB);
    expect(g2.efaBytesPerSecond).toBe(28800 * GBPS_BITS);
  });

  it('Project Rainier: 500k chips give ~650 EFLOPS FP8 and ~333 EFLOPS BF16 (hardware.md §3, derived)', () => {
    // 7,813 UltraServers = 500,032 chips
    const s = systemSummary(buildSystem({ preset: 'trn2-ultraserver', count: 7813 }));
    expect(s.chips).toBe(500032);
    expect(s.peakFlopsPerSecond.fp8! / 1e18).toBeCloseTo(649.5, 0);
    expect(s.peakFlopsPerSecond.bf16! / 1e18).toBeCloseTo(333.5, 0);
  });

  it('h100-8x: 8 x 989 TF BF16, 640 GB HBM at 26.8 TB/s, 3,200 Gbps EFA', () => {
    const s = systemSummary(buildSystem({ preset: 'h100-8x' }));
    expect(s.peakFlopsPerSecond.bf16).toBe(8 * 989 * TFLOPS);
    expect(s.hbmBytes).toBe(640 * GB);
    expect(s.hbmBytesPerSecond / TB).toBeCloseTo(26.8, 9);
    expect(s.efaBytesPerSecondPerServer).toBe(3200 * GBPS_BITS);
    expect(s.neuronLinkBytesPerSecondPerChip).toBe(450 * GB); // 900 GB/s both directions
  });
});

describe('figure sets', () => {
  it('are off by default and select the conflicting figures of hardware.md §7', () => {
    const beta = buildSystem({ preset: 'trn2.48xlarge', figureSets: ['trn2-beta'] });
    expect(beta.chip.peakFlopsPerSecond.fp8).toBe(1287 * TFLOPS);
    expect(beta.chip.peakFlopsPerSecond.bf16).toBe(655 * TFLOPS);
    expect(buildSystem({ preset: 'trn2.48xlarge', figureSets: ['trn2-hbm-nki'] }).chip.hbmBytesPerSecond).toBe(3 * TB);
    const t3 = buildSystem({ preset: 'trn3-ultraserver-64', figureSets: ['trn3-neuronlink-instance'] });
    expect(t3.chip.chipLinkBytesPerSecond).toBe(2048 * GiB);
    const us = systemSummary(buildSystem({ preset: 'trn2-ultraserver', figureSets: ['trn2-ultraserver-efa-table'] }));
    expect(us.efaBytesPerSecond).toBe(3200 * GBPS_BITS);
  });

  it('rejects a set of another chip, naming the valid ones', () => {
    expect(() => buildSystem({ preset: 'trn1.32xlarge', figureSets: ['trn2-beta'] })).toThrow(/figureSets: unknown figure set "trn2-beta"; this system has no figure sets/);
    expect(CHIP_FIGURE_SETS.length).toBeGreaterThanOrEqual(6);
  });
});
