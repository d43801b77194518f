/**
 * A sparse linear model being built row by row: columns with costs, bounds and
 * integrality, rows with ranges. Exports to HiGHS model data (CSR) and to
 * CPLEX LP text.
 */
import { createHash } from 'node:crypto';

class Grow {
  data: Float64Array;
  length = 0;
  constructor(cap = 1024) {
    this.data = new Float64Array(cap);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  view(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}

class GrowInt {
  data: Int32Array;
  length = 0;
  constructor(cap = 1024) {
    this.data = new Int32Array(cap);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  view(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}

/**
 * A sparse MIP under construction (minimisation).
 *
 * @example
 * const m = new SparseModel();
 * const x = m.addCol('x', 3, 0, 1, true);
 * m.addRow('cover', [x], [1], 1, Infinity);
 */
export class SparseModel {
  readonly names: string[] = [];
  private readonly cost = new Grow();
  private readonly lower = new Grow();
  private readonly upper = new Grow();
  private readonly integer = new GrowInt();
  private readonly rowStart = new GrowInt();
  private readonly rowIndex = new GrowInt(1 << 16);
  private readonly rowValue = new Grow(1 << 16);
  private readonly rowLo = new Grow();
  private readonly rowHi = new Grow();
  private readonly rowKind = new GrowInt();
  private readonly kinds: string[] = [];
  /** Rows by kind, for the statistics. */
  readonly rowKinds = new Map<string, number>();

  constructor() {
    this.rowStart.push(0);
  }

  get numCols(): number {
    return this.cost.length;
  }
  get numRows(): number {
    return this.rowLo.length;
  }
  get nonzeros(): number {
    return this.rowIndex.length;
  }

  /** Adds a column; returns its index. */
  addCol(name: string, cost: number, lower: number, upper: number, integer: boolean): number {
    this.names.push(name);
    this.cost.push(cost);
    this.lower.push(lower);
    this.upper.push(upper);
    this.integer.push(integer ? 1 : 0);
    return this.cost.length - 1;
  }

  /** A column's objective coefficient. */
  costOf(col: number): number {
    return this.cost.data[col]!;
  }

  /** Adds `cost` to a column's objective coefficient. */
  addCost(col: number, cost: number): void {
    this.cost.data[col] = this.cost.data[col]! + cost;
  }

  /** Adds a row lo ≤ Σ values·cols ≤ hi (duplicate columns are merged). */
  addRow(kind: string, cols: readonly number[], values: readonly number[], lo: number, hi: number): void {
    const merged = new Map<number, number>();
    for (let i = 0; i < cols.length; i++) merged.set(cols[i]!, (merged.get(cols[i]!) ?? 0) + values[i]!);
    const keys = [...merged.keys()].sort((a, b) => a - b);
    for (const k of keys) {
      const v = merged.get(k)!;
      if (v === 0) continue;
      this.rowIndex.push(k);
      this.rowValue.push(v);
    }
    this.rowStart.push(this.rowIndex.length);
    this.rowLo.push(lo);
    this.rowHi.push(hi);
    const n = this.rowKinds.get(kind) ?? 0;
    this.rowKinds.set(kind, n + 1);
    let id = this.kinds.indexOf(kind);
    if (id < 0) id = this.kinds.push(kind) - 1;
    this.rowKind.push(id);
  }

  /** Name of row `i`: its kind and index (`tracks_12`). */
  rowName(i: number): string {
    return `${this.kinds[this.rowKind.data[i]!]}_${i}`;
  }

  /** The model as HiGHS model data (CSR rows); `inf` is `highs.infinity`. */
  toModelData(inf: number) {
    const clamp = (a: Float64Array) => a.map((v) => (v === Infinity ? inf : v === -Infinity ? -inf : v));
    return {
      numCols: this.numCols,
      numRows: this.numRows,
      offset: 0,
      colCost: this.cost.view().slice(),
      colLower: clamp(this.lower.view()),
      colUpper: clamp(this.upper.view()),
      rowLower: clamp(this.rowLo.view()),
      rowUpper: clamp(this.rowHi.view()),
      matrix: {
        format: 'csr' as const,
        numRows: this.numRows,
        numCols: this.numCols,
        starts: this.rowStart.view().slice(),
        indices: this.rowIndex.view().slice(),
        values: this.rowValue.view().slice(),
      },
      integrality: this.integer.view().slice(),
    };
  }

  /**
   * A digest of the model (costs, bounds, integrality, rows; not the names):
   * equal digests, equal MIPs. The benchmark reuses a cached HiGHS result only
   * for the same digest.
   */
  digest(): string {
    const h = createHash('sha256');
    for (const a of [this.cost.view(), this.lower.view(), this.upper.view(), this.rowLo.view(), this.rowHi.view(), this.rowValue.view()]) {
      h.update(Buffer.from(a.buffer, a.byteOffset, a.byteLength));
      h.update('|');
    }
    for (const a of [this.integer.view(), this.rowStart.view(), this.rowIndex.view()]) {
      h.update(Buffer.from(a.buffer, a.byteOffset, a.byteLength));
      h.update('|');
    }
    return h.digest('hex').slice(0, 16);
  }

  /** Objective value of a column vector. */
  objective(values: ArrayLike<number>): number {
    let z = 0;
    const c = this.cost.view();
    for (let j = 0; j < c.length; j++) z += c[j]! * values[j]!;
    return z;
  }

  /** The largest violation of a row or bound by a column vector (0 when feasible). */
  maxViolation(values: ArrayLike<number>): { amount: number; row: string | undefined } {
    let worst = 0;
    let row: string | undefined;
    const s = this.rowStart.view();
    const idx = this.rowIndex.view();
    const val = this.rowValue.view();
    for (let i = 0; i < this.numRows; i++) {
      let a = 0;
      for (let k = s[i]!; k < s[i + 1]!; k++) a += val[k]! * values[idx[k]!]!;
      const v = Math.max(this.rowLo.data[i]! - a, a - this.rowHi.data[i]!);
      if (v > worst) {
        worst = v;
        row = this.rowName(i);
      }
    }
    for (let j = 0; j < this.numCols; j++) {
      const v = Math.max(this.lower.data[j]! - values[j]!, values[j]! - this.upper.data[j]!);
      if (v > worst) {
        worst = v;
        row = `bound of ${this.names[j]}`;
      }
    }
    return { amount: worst, row };
  }

  /** CPLEX LP text of the model. */
  toLp(title: string): string {
    const out: string[] = [`\\ ${title}`, 'Minimize'];
    const terms = (cols: ArrayLike<number>, vals: ArrayLike<number>, n: number): string => {
      const parts: string[] = [];
      for (let k = 0; k < n; k++) {
        const v = vals[k]!;
        if (v === 0) continue;
        parts.push(`${v < 0 ? '-' : '+'} ${Math.abs(v)} ${this.names[cols[k]!]}`);
      }
      if (parts.length === 0) return '0 ' + this.names[0];
      const lines: string[] = [];
      for (let i = 0; i < parts.length; i += 8) lines.push(parts.slice(i, i + 8).join(' '));
      return lines.join('\n   ');
    };
    const c = this.cost.view();
    const cols: number[] = [];
    const vals: number[] = [];
    for (let j = 0; j < c.length; j++) {
      cols.push(j);
      vals.push(c[j]!);
    }
    out.push(` obj: ${terms(cols, vals, cols.length)}`);
    out.push('Subject To');
    const s = this.rowStart.view();
    const idx = this.rowIndex.view();
    const val = this.rowValue.view();
    for (let i = 0; i < this.numRows; i++) {
      const lhs = terms(idx.subarray(s[i]!, s[i + 1]!), val.subarray(s[i]!, s[i + 1]!), s[i + 1]! - s[i]!);
      const lo = this.rowLo.data[i]!;
      const hi = this.rowHi.data[i]!;
      const name = this.rowName(i);
      if (lo === hi) out.push(` ${name}: ${lhs} = ${hi}`);
      else if (lo === -Infinity) out.push(` ${name}: ${lhs} <= ${hi}`);
      else if (hi === Infinity) out.push(` ${name}: ${lhs} >= ${lo}`);
      else out.push(` ${name}: ${lo} <= ${lhs} <= ${hi}`);
    }
    out.push('Bounds');
    const bins: string[] = [];
    for (let j = 0; j < this.numCols; j++) {
      const lo = this.lower.data[j]!;
      const hi = this.upper.data[j]!;
      if (this.integer.data[j] === 1 && lo === 0 && hi === 1) {
        bins.push(this.names[j]!);
        continue;
      }
      out.push(` ${lo === -Infinity ? '-inf' : lo} <= ${this.names[j]} <= ${hi === Infinity ? '+inf' : hi}`);
    }
    out.push('Binaries');
    for (let i = 0; i < bins.length; i += 10) out.push(' ' + bins.slice(i, i + 10).join(' '));
    out.push('End', '');
    return out.join('\n');
  }
}
