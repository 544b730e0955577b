/**
 * Tests that start a real system tool (Chromium, Slurm) skip where it is missing, with a note. Under
 * TRNSIM_REQUIRE_SYSTEM_TESTS=1 (.ci/run sets it, after installing the tools) a missing tool is a
 * failing test instead, so CI cannot pass by skipping them.
 */
import { it } from 'vitest';

export const SYSTEM_TESTS_REQUIRED = process.env.TRNSIM_REQUIRE_SYSTEM_TESTS === '1';

/** Registers a failing test when `missing` says why the tool is absent and the tools are required. */
export function failIfRequiredToolMissing(tool: string, missing: string | undefined): void {
  it.runIf(SYSTEM_TESTS_REQUIRED && missing !== undefined)(`${tool} is installed (TRNSIM_REQUIRE_SYSTEM_TESTS=1)`, () => {
    throw new Error(`${tool} is required here but missing: ${missing}`);
  });
}
