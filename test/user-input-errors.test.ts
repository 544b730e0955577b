/**
 * Every error factory of every layer's errors.ts, called with sample arguments, gives a message
 * that keeps the house rules (test/message-rules.ts): field path first, the value, one or more
 * full sentences, a fix, no doubled phrase. A factory added without a sample here fails the test,
 * so no message escapes the check. Internal errors (plain Error: a bug, not bad input) are listed
 * apart and must stay plain Errors.
 */
import { describe, expect, it } from 'vitest';
import { engineErrors } from '../src/engine/errors.js';
import { networkErrors } from '../src/network/errors.js';
import { collectiveErrors } from '../src/collectives/errors.js';
import { hardwareErrors } from '../src/hardware/errors.js';
import { workloadErrors } from '../src/workload/errors.js';
import { inferenceErrors } from '../src/workload/inference/errors.js';
import { scenarioErrors } from '../src/scenario/errors.js';
import { SweepErrors } from '../src/sweep/errors.js';
import { PlanErrors } from '../src/plan/errors.js';
import { validationErrors } from '../src/validation/errors.js';
import { isUserInputError } from '../src/user-input-error.js';
import { messageProblems } from './message-rules.js';
import * as rules from '../src/workload/training/parallelism-rules.js';
import type { RuleProblem } from '../src/workload/training/parallelism-rules.js';

/** A factory's sample arguments and the text of the value its message must show. */
type Sample = readonly [args: readonly unknown[], value: string];
type Factories = Record<string, (...args: never[]) => Error>;

interface Layer {
  readonly name: string;
  readonly factories: Factories;
  readonly samples: Record<string, Sample>;
  /** Factories of plain Errors (bugs, not bad input). */
  readonly internal?: readonly string[];
}

const LAYERS: Layer[] = [
  {
    name: 'engine',
    factories: engineErrors as unknown as Factories,
    samples: {
      badDelay: [['schedule', -1.5], '-1.5'],
      badTime: [['scheduleAt', 3, 7.25], '3'],
      badUntil: [['run({until})', 'soon', 2], '"soon"'],
      unknownKind: [['schedule', 17, 4], '17'],
      tooManyKinds: [[4095], '4095'],
      badHandler: [['registerKind', 42], '42'],
      badCount: [['run({maxEvents})', -3], '-3'],
      badArity: [[3], '3'],
      badQueue: [['splay'], '"splay"'],
      badSeed: [[Number.NaN], 'NaN'],
      badStreamName: [[''], '""'],
      reentrant: [['run()'], 'run()'],
    },
  },
  {
    name: 'network',
    factories: networkErrors as unknown as Factories,
    samples: {
      badChip: [['startFlow', 'src', 99, 64], '99'],
      badBytes: [['startFlow', -8], '-8'],
      badKind: [['startFlow', 77], '77'],
      badNumber: [['startFlow', 'salt', Number.POSITIVE_INFINITY], 'Infinity'],
      badFlow: [['flowEndS', 12, 5], '12'],
      badLink: [['linkBusyS', 300, 256], '300'],
      badMode: [['packet'], '"packet"'],
      partitioned: [[3, 9, 'removed links partition the fabric'], 'chip 9'],
    },
    internal: ['internal', 'badRoute'],
  },
  {
    name: 'collectives',
    factories: collectiveErrors as unknown as Factories,
    samples: {
      unknownOp: [['request.op', 'allreduce', ['all-reduce', 'all-gather']], '"allreduce"'],
      unknownAlgorithm: [['request.algorithm', 'tree', ['auto', 'ring']], '"tree"'],
      algorithmNotForOp: [['request.algorithm', 'kangaring', 'all-to-all', ['mesh', 'ring']], 'kangaring'],
      algorithmNotForGroup: [['request.algorithm', 'rdh', 'recursive halving-doubling needs a power-of-two group, got 6 ranks'], '6 ranks'],
      badRanks: [['request.ranks', 'rank 70 appears twice in the group'], 'rank 70'],
      badSize: [['--size', '12 parsecs'], '"12 parsecs"'],
      badParam: [['options.mode', 'packet', 'expected "flow" or "alpha-beta"'], '"packet"'],
    },
  },
  {
    name: 'hardware',
    factories: hardwareErrors as unknown as Factories,
    samples: {
      unknownPreset: [['system.preset', 'trn9', ['trn1.32xlarge', 'trn2.48xlarge']], '"trn9"'],
      badCount: [['system.count', 0, 16384], '0'],
      badLnc: [['system.lnc', 'Trainium2 supports lnc 1 or 2, got 3; use 1 or 2'], '3'],
      badOverride: [['system.overrides.links.x.scale', 'expected a fraction in (0, 1], got 1.5'], '1.5'],
      unknownChipId: [['system.overrides.chips.c99', 'c99', 's0.c5', 16], '"c99"'],
      unknownLinkId: [['system.overrides.links.zz', 'zz', ['x+', 'x-'], 's0.c1.x+'], '"zz"'],
      unknownFigureSet: [['system.figureSets', 'trn9-fast', ['trn2-beta']], '"trn9-fast"'],
      badChipIndex: [['src', 70, 64], '70'],
      badLinkId: [[999, 256], '999'],
    },
    internal: ['partitioned'],
  },
  {
    name: 'workload',
    factories: workloadErrors as unknown as Factories,
    samples: {
      unknownModel: [['llama-9', ['llama-2-7b', 'llama-3.1-8b']], '"llama-9"'],
      badModelField: [['heads', -2, 'a positive integer'], '-2'],
      badField: [['workload.precision', 'fp4', '"bf16" or "fp8"'], '"fp4"'],
      rule: [[{ path: 'workload.parallelism.tp', text: "96 does not divide the model's 64 attention heads; choose tp among 1, 2, 4, 8, 16, 32 or 64" }], '96'],
      doesNotFit: [['workload: memory per chip does not fit: 120 GB needed, 96 GiB available; raise tp or pp, or use ZeRO-3.'], '120 GB'],
    },
  },
  {
    name: 'inference',
    factories: inferenceErrors as unknown as Factories,
    samples: {
      notPositiveInteger: [['batching.maxBatch', 0], '0'],
      notPositive: [['requests.count', -5], '-5'],
      badRate: [['fast'], 'fast'],
      bothOrNeitherLoad: [[true], 'concurrency'],
      badLength: [['inputTokens', 'expected min <= max, got min 900 > max 100'], '900'],
      tooManyRanks: [[32, 4, 1, 64, 'trn2.48xlarge'], '128'],
      pipelineNotModelled: [[4], '4'],
      modelDoesNotFit: [['llama-3.1-405b', 4, 200e9, 90e9, 'raise tp to 16 or more'], 'llama-3.1-405b'],
      batchExceedsKv: [[64, 20_000, 500_000], '64'],
      noneCompleted: [[300, 14_000, 12_288, 900_000], '12,288'],
      badPolicy: [['greedy'], 'greedy'],
      speculationTokens: [[0], '0'],
      acceptanceRate: [[1.5], '1.5'],
    },
  },
  {
    name: 'scenario',
    factories: scenarioErrors as unknown as Factories,
    samples: {
      fileNotFound: [['base.yaml', 'child.yaml'], 'base.yaml'],
      fileUnreadable: [['x.yaml', 'EACCES: permission denied'], 'EACCES'],
      syntax: [['x.yaml', 'YAML', 'bad indentation at line 3.'], 'line 3'],
      notAnObject: [['x.yaml', 'a list'], 'a list'],
      extendsCycle: [[['a.yaml', 'b.yaml', 'a.yaml']], 'b.yaml'],
      extendsTooDeep: [['deep.yaml'], 'deep.yaml'],
      unknownExtends: [['x.yaml', 'llama-9-trn2', ['llama-3.1-8b-trn2-48xl']], '"llama-9-trn2"'],
      unknownScenario: [['llama-9', ['llama-3.1-8b-trn2-48xl']], 'llama-9'],
      fileTooLarge: [['big.yaml', 5_000_000, 1_048_576], '1,048,576'],
      extendsNotScenario: [['x.yaml', '/etc/passwd'], '"/etc/passwd"'],
      notScenarioFile: [['notes.txt'], 'notes.txt'],
      extendsOutsideRoots: [['x.yaml', '../../secret.yaml', ['/home/u/scenarios']], '"../../secret.yaml"'],
      badOption: [['seed', 'seven', 'a finite number'], '"seven"'],
    },
  },
  {
    name: 'sweep',
    factories: SweepErrors as unknown as Factories,
    samples: {
      noSweepBlock: [['x.yaml'], 'x.yaml'],
      noAxes: [[], 'sweep.axes'],
      badMode: [['diagonal'], '"diagonal"'],
      badReplications: [[-2], '-2'],
      badSkipInvalid: [['yes'], '"yes"'],
      emptyAxis: [['workload.globalBatch'], 'workload.globalBatch'],
      badAxis: [['system.count', 'expected a list or a range, got 7.'], '7'],
      unknownAxisPath: [['workload.tpp', 'no field tpp in workload (did you mean tp?)'], 'tpp'],
      zipLengths: [['3, 4'], '3, 4'],
      tooManyPoints: [[1e20], '100000000000000000000'],
      invalidPoints: [[2, 9, 'point 1 {"x":1}: workload: memory per chip does not fit.\npoint 4 {"x":4}: workload.globalBatch: 60 sequences do not split.'], '2 of 9'],
      badShard: [['3/2'], '"3/2"'],
      badWorkers: [[-1], '-1'],
      runnerNeedsInProcess: [[], 'workers: 0'],
      outExists: [['results.jsonl'], 'results.jsonl'],
      resumeNeedsOut: [[], '--out'],
      otherSweep: [['results.jsonl', 'abc', 'def'], 'abc'],
      badObjective: [['speed:up'], '"speed:up"'],
      mergeNoInputs: [[], 'merge'],
      mergeCorrupt: [['shard-1.jsonl', 17, 'unexpected end of JSON'], 'shard-1.jsonl:17'],
      mergeMixed: [['a.jsonl', 'id1', 'b.jsonl', 'id2'], 'id2'],
      mergeOverlap: [[42, 'a.jsonl', 'b.jsonl'], '42'],
      mergeIncomplete: [[3, 100, '17'], '3 of 100'],
      emitUnknownTarget: [['lsf'], '"lsf"'],
      emitShards: [[0, 40], '0'],
      emitBatchShards: [[20_000, 10_000], '20000'],
      emitNeedsOutDir: [[], '--out-dir'],
      emitOutDirNotAbsolute: [['results', 'k8s'], '"results"'],
      emitOutDirUnwritable: [['/shared/out', 'EACCES'], '/shared/out'],
      emitNeeds: [['--image', 'k8s', 'the container image with node 20 and trnsim on its PATH, e.g. --image ghcr.io/you/trnsim:0.1.0'], 'k8s'],
      emitNotFor: [['--partition', 'k8s', 'slurm and batch'], 'k8s'],
      emitConflict: [['--resume'], '--resume'],
      emitOnly: [['--image'], '--image'],
      emitUnsafeText: [['--job-name', 'a\nb'], '"a\\nb"'],
      emitBadTrnsim: [[''], '""'],
      fileUnreadable: [['results.jsonl', 'EISDIR'], 'EISDIR'],
    },
  },
  {
    name: 'plan',
    factories: PlanErrors as unknown as Factories,
    samples: {
      shardOutExists: [['shard-0.jsonl'], 'shard-0.jsonl'],
      shardOtherPlan: [['shard-0.jsonl', 'p1', 'p2'], 'p1'],
      mergeNoFiles: [[], '--merge'],
      mergeOtherPlan: [['shard-0.jsonl', 'p1', 'p2'], 'p2'],
      mergeOtherTotal: [[120, 130], '120'],
      mergeIncomplete: [[4, 130, 17], '17'],
      mergeOutIsInput: [['shard-0.jsonl'], 'shard-0.jsonl'],
      mergePrunedNeeded: [[17, 'does not fit in memory'], '17'],
    },
  },
  {
    name: 'validation',
    factories: validationErrors as unknown as Factories,
    samples: {
      noCases: [['/tmp/empty'], '/tmp/empty'],
      unknownKinds: [[['colective'], ['collective', 'training'], 'data/validation'], '"colective"'],
    },
  },
];

describe('error messages of every layer', () => {
  for (const layer of LAYERS) {
    describe(layer.name, () => {
      it('has a sample for every factory', () => {
        const listed = [...Object.keys(layer.samples), ...(layer.internal ?? [])].sort();
        expect(Object.keys(layer.factories).sort()).toEqual(listed);
      });
      for (const [name, [args, value]] of Object.entries(layer.samples)) {
        it(`${name}: field, value, sentence, fix`, () => {
          const e = layer.factories[name]!(...(args as never[]));
          expect(isUserInputError(e)).toBe(true);
          expect(messageProblems(e.message, value)).toEqual([]);
        });
      }
      for (const name of layer.internal ?? []) {
        it(`${name} is an internal error, not bad input`, () => {
          const f = layer.factories[name]!;
          const e = f(...(Array.from({ length: f.length }, () => 'x') as never[]));
          expect(isUserInputError(e)).toBe(false);
        });
      }
    });
  }
});

describe('parallelism rules (worded once for resolveScenario and runTraining)', () => {
  const system = rules.describeRanks(1, 'trn2.48xlarge', 16, 4, 2);
  const cases: Array<[string, RuleProblem | undefined, string]> = [
    ['rank product, dp given', (rules.dataParallelDegree([['tp', 8], ['pp', 2], ['cp', 1]], 3, 64, system, true) as { problem: RuleProblem }).problem, '48'],
    ['rank product, dp derived', (rules.dataParallelDegree([['tp', 6], ['pp', 1], ['cp', 1]], undefined, 64, system, true) as { problem: RuleProblem }).problem, '6'],
    ['tp and the heads', rules.tensorParallelProblem(96, 64, 28672), '96'],
    ['tp and the FFN', rules.tensorParallelProblem(16, 64, 11000), '11,000'],
    ['ep on a dense model', rules.expertParallelProblem(4, 16, 1, 'llama-3.1-8b'), 'llama-3.1-8b'],
    ['ep and dp', rules.expertParallelProblem(4, 6, 8, 'mixtral-8x7b'), 'dp = 6'],
    ['ep and the experts', rules.expertParallelProblem(3, 6, 8, 'mixtral-8x7b'), '8 experts'],
    ['sequence split', rules.sequenceSplitProblem(4100, 2, 8, true), '4,100'],
    ['global batch', rules.globalBatchProblem(1000, 64, 1), '1,000'],
    ['layers per stage', rules.layersPerStageProblem(4, 4, 2), '4 layers'],
    ['interleaved micro-batches', rules.interleavedBatchProblem(48, 8, 1, 4), '6 micro-batches'],
  ];
  for (const [what, problem, value] of cases) {
    it(`${what}: field, value, sentence, fix`, () => {
      expect(problem).toBeDefined();
      expect(messageProblems(`${problem!.path}: ${problem!.text}.`, value)).toEqual([]);
    });
  }

  it('names the values that work', () => {
    expect(rules.tensorParallelProblem(96, 64, 28672)!.text).toMatch(/choose tp among 1, 2, 4, 8, 16, 32 or 64$/);
    expect(rules.expertParallelProblem(4, 6, 8, 'm')!.text).toMatch(/choose ep among 1 or 2$/);
    expect(rules.sequenceSplitProblem(4100, 2, 8, true)!.text).toMatch(/use a multiple of 16, e\.g\. 4,096 or 4,112$/);
    expect(rules.globalBatchProblem(1000, 64, 1)!.text).toMatch(/use a multiple of 64, e\.g\. 960 or 1,024$/);
    expect((rules.dataParallelDegree([['tp', 8], ['pp', 2], ['cp', 1]], 3, 64, system, false) as { problem: RuleProblem }).problem.text).toMatch(/set dp to 4$/);
    expect(rules.dataParallelDegree([['tp', 8], ['pp', 2], ['cp', 1]], undefined, 64, system, true)).toEqual({ dp: 4 });
  });
});
