/**
 * The public API is documented: every export of `plenary`, `plenary/ical` and
 * `plenary/tz` has TSDoc with an `@example`.
 */
import { resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const entries = ['src/index.ts', 'src/export/ical/index.ts', 'src/tz/index.ts'].map((e) => resolve(e));

describe('the public API', () => {
  it('has TSDoc with an @example on every export', () => {
    const program = ts.createProgram(entries, { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, moduleResolution: ts.ModuleResolutionKind.Bundler, strict: true, skipLibCheck: true, noEmit: true });
    const checker = program.getTypeChecker();
    const undocumented: string[] = [];
    let count = 0;
    for (const entry of entries) {
      const module = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;
      for (const exported of checker.getExportsOfModule(module)) {
        const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
        const decl = symbol.declarations?.[0];
        count++;
        const text = symbol.getDocumentationComment(checker).map((d) => d.text).join('').trim();
        const example = decl !== undefined && ts.getJSDocTags(decl).some((t) => t.tagName.text === 'example');
        if (!text || !example) undocumented.push(`${exported.name} (${decl?.getSourceFile().fileName.replace(resolve('.') + '/', '')})${text ? '' : ': no description'}${example ? '' : ': no @example'}`);
      }
    }
    expect(count).toBeGreaterThan(150);
    expect(undocumented).toEqual([]);
  });
});
