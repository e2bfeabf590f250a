// The exact side of placement: HiGHS (the University of Edinburgh's MIP solver, compiled to WebAssembly by the
// `highs` npm package — no native add-on, no download at install) behind core's solver-neutral `MipSolver`.
// Loading the WebAssembly is I/O, so it lives here; the model builders and the heuristics stay pure in core.
// One runtime per process, loaded on first use. The WebAssembly build is single-threaded and a solve is
// synchronous: callers on the request path keep the time limit short.
import {
  type CostInstance,
  type CoverageInstance,
  type MipModel,
  type MipResult,
  type MipSolver,
  type PlacementOptions,
  type PlacementResult,
  solveLscp,
  solveMclp,
  solvePmedian,
} from '@weijian/core/access';
import loadHighs, { type Highs } from 'highs';

let runtime: Promise<Highs> | undefined;

/** The process's HiGHS runtime (loaded once). */
export function highsRuntime(): Promise<Highs> {
  runtime ??= loadHighs();
  return runtime;
}

const finite = (a: Float64Array, inf: number) =>
  Float64Array.from(a, (v) => (v === Infinity ? inf : v === -Infinity ? -inf : v));

/** Solves one model with HiGHS: its best solution, whether proven optimal, and its dual bound. */
export function solveWithHighs(highs: Highs, model: MipModel, opts: { timeLimitSeconds: number }): MipResult {
  const inf = highs.infinity;
  const numCols = model.colCost.length;
  const numRows = model.rowLower.length;
  return highs.withModel(
    {
      numCols,
      numRows,
      sense: model.sense === 'max' ? highs.constants.objectiveSense.maximize : highs.constants.objectiveSense.minimize,
      colCost: model.colCost,
      colLower: finite(model.colLower, inf),
      colUpper: finite(model.colUpper, inf),
      rowLower: finite(model.rowLower, inf),
      rowUpper: finite(model.rowUpper, inf),
      matrix: {
        format: 'csr',
        numRows,
        numCols,
        starts: model.rowStarts,
        indices: model.rowIndex,
        values: model.rowValue,
      },
      integrality: Int32Array.from(model.integer),
    },
    (m): MipResult => {
      m.options.set({ output_flag: false, time_limit: opts.timeLimitSeconds, mip_rel_gap: 1e-9, mip_abs_gap: 1e-7 });
      if (model.start) m.setSolution({ colValue: model.start });
      m.run();
      const status = m.getModelStatus();
      const codes = highs.constants.modelStatus;
      const bound = Number(m.info.get('mip_dual_bound'));
      const primal = Number(m.info.get('primal_solution_status'));
      const x = primal === 2 ? m.getSolution().colValue : null;
      const result = {
        x,
        objective: x ? m.getObjectiveValue() : null,
        bound: Number.isFinite(bound) ? bound : null,
      };
      if (status === codes.optimal) return { status: 'optimal', ...result };
      if (status === codes.infeasible) return { status: 'infeasible', ...result, x: null };
      if (status === codes.timeLimit || status === codes.iterationLimit || status === codes.interrupted)
        return { status: 'limit', ...result };
      return { status: 'error', ...result, message: `HiGHS model status ${status}` };
    },
  );
}

/** Core's `MipSolver` over the process's HiGHS runtime. */
export async function mipSolver(): Promise<MipSolver> {
  const highs = await highsRuntime();
  return (model, opts) => solveWithHighs(highs, model, opts);
}

export type PlacementRequest =
  | { model: 'lscp'; coverage: CoverageInstance }
  | { model: 'mclp'; coverage: CoverageInstance; sites: number }
  | { model: 'pmedian'; cost: CostInstance; sites: number };

/**
 * Solves a placement exactly where the model fits (HiGHS, seeded with the heuristic's answer), else by the
 * heuristic with its bound. `exact: false` skips the solver (a quick answer, or a baseline).
 */
export async function place(
  req: PlacementRequest,
  opts: Omit<PlacementOptions, 'solver'> & { exact?: boolean } = {},
): Promise<PlacementResult> {
  const solver = opts.exact === false ? undefined : await mipSolver();
  const o: PlacementOptions = { ...opts, ...(solver ? { solver } : {}) };
  if (req.model === 'lscp') return solveLscp(req.coverage, o);
  if (req.model === 'mclp') return solveMclp(req.coverage, req.sites, o);
  return solvePmedian(req.cost, req.sites, o);
}
