/**
 * The import graph of kmn's sources, read with the TypeScript parser (comments and strings in
 * TSDoc examples are not imports). Independent of kmn's own code.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** One import or re-export of a file. */
export interface ImportEdge {
  /** The importing file, relative to the root. */
  readonly from: string;
  /** The specifier as written. */
  readonly specifier: string;
  /** The imported file relative to the root, for relative specifiers (null for packages). */
  readonly to: string | null;
  /** Erased at run time (`import type`, `export type`, or every named binding marked `type`). */
  readonly typeOnly: boolean;
  /** 1-based line of the statement. */
  readonly line: number;
}

/** Every .ts file under `dir` (relative to `root`), skipping node_modules, dist and dot folders. */
export function sourceFiles(root: string, dir = '.'): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) out.push(...sourceFiles(root, path));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

function resolveTs(root: string, from: string, specifier: string): string {
  const target = resolve(root, dirname(from), specifier);
  return relative(root, target.replace(/\.(m?js)$/, (_m, ext: string) => (ext === 'mjs' ? '.mts' : '.ts')));
}

function allTypeOnly(bindings: ts.NamedImportBindings | ts.NamedExportBindings | undefined): boolean {
  if (!bindings) return false;
  if (ts.isNamedImports(bindings) || ts.isNamedExports(bindings)) return bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
  return false;
}

/** The imports, re-exports and dynamic imports of one file. */
export function importsOf(root: string, file: string): ImportEdge[] {
  const text = readFileSync(join(root, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const edges: ImportEdge[] = [];
  const add = (node: ts.Node, specifier: string, typeOnly: boolean): void => {
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    edges.push({ from: file, specifier, to: specifier.startsWith('.') ? resolveTs(root, file, specifier) : null, typeOnly, line });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const typeOnly = clause !== undefined && (clause.isTypeOnly || (!clause.name && allTypeOnly(clause.namedBindings)));
      add(node, node.moduleSpecifier.text, typeOnly);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node, node.moduleSpecifier.text, node.isTypeOnly || allTypeOnly(node.exportClause));
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      add(node, node.arguments[0].text, false);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      add(node, node.argument.literal.text, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}
