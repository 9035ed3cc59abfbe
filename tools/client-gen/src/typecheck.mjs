import ts from 'typescript';

/**
 * Type-checks files the way a consumer's NodeNext project would, importing a client package by its name
 * (resolved through package.json exports to dist/), with the package's `tsconfig.test.json`.
 * Returns formatted diagnostics; empty means it compiles.
 */
export function typecheckFiles(packageRoot, files) {
  const configPath = ts.findConfigFile(packageRoot, ts.sys.fileExists, 'tsconfig.test.json');
  if (!configPath) throw new Error(`No tsconfig.test.json in ${packageRoot}`);
  const config = ts.getParsedCommandLineOfConfigFile(configPath, { noEmit: true }, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  const program = ts.createProgram(files, { ...config.options, noEmit: true });
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    if (!diagnostic.file || diagnostic.start === undefined) return message;
    const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    return `${diagnostic.file.fileName}:${line + 1}:${character + 1} ${message}`;
  });
}
