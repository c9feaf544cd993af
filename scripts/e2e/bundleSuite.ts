import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * Bundles the extension-host suite (test/e2e/exthost/suite.ts, `vscode` left external) into
 * `<outDir>/suite.js` for VS Code to load as `extensionTestsPath`. Returns that path.
 */
export async function bundleExtensionHostSuite(repoRoot: string, outDir: string): Promise<string> {
  // esbuild ships a native binary, so it is loaded at run time rather than bundled into the caller.
  const esbuild = createRequire(join(repoRoot, 'package.json'))('esbuild') as typeof import('esbuild');
  const outfile = join(outDir, 'suite.js');
  await esbuild.build({
    entryPoints: [join(repoRoot, 'test', 'e2e', 'exthost', 'suite.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return outfile;
}
