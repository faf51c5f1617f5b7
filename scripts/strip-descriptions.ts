import MagicString from 'magic-string';
import ts from 'typescript';
import type { Plugin } from 'vite';

/** The contract's files: the schemas whose descriptions are for the OpenAPI document. */
const CONTRACT = /[\\/]src[\\/]api[\\/][^\\/]+\.ts$/;

/**
 * The contract's descriptions (`z.core.describe(…)`, the second argument of `named(…)`) are
 * written for the OpenAPI document (`npm run openapi`, which reads the sources): the page
 * never shows them, so the build leaves them out, and the first page carries no
 * documentation. Messages a person reads (`z.minLength(10, 'Say …')`) are kept.
 */
export function stripDescriptions(source: string, file: string): MagicString | null {
  const tree = ts.createSourceFile(file, source, ts.ScriptTarget.ES2022, true);
  const out = new MagicString(source);
  let changed = false;
  const blank = (node: ts.Node | undefined) => {
    if (!node || !(ts.isStringLiteral(node) || ts.isTemplateLiteral(node))) return;
    out.overwrite(node.getStart(tree), node.getEnd(), "''");
    changed = true;
  };
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression.getText(tree);
      if (callee === 'z.core.describe') blank(node.arguments[0]);
      else if (callee === 'named' && node.arguments.length === 3) blank(node.arguments[1]);
    }
    ts.forEachChild(node, visit);
  };
  visit(tree);
  return changed ? out : null;
}

/** The build's plugin: `stripDescriptions` over the contract's files. */
export function contractDescriptions(): Plugin {
  return {
    name: 'strip-contract-descriptions',
    apply: 'build',
    transform(code, id) {
      if (!CONTRACT.test(id)) return null;
      const out = stripDescriptions(code, id);
      return out ? { code: out.toString(), map: out.generateMap({ hires: true }) } : null;
    },
  };
}
