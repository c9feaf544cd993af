/**
 * `npm run bench`: every benchmark of the project, printing numbers and ratios against the goals.
 * Assumes `npm run build` ran (dist/ and schemas/ exist).
 */
import { benchApiServer } from './apiserver';
import { benchCompletion } from './completion';
import { benchClusterHost } from './clusterHost';
import { benchCli, benchServer } from './core';
import { benchDurability } from './durability';
import { benchIncumbent } from './incumbent';
import { benchPanel } from './panel';
import { benchSchema } from './schemaThroughput';
import { benchServerGoals } from './serverGoals';
import { benchSim } from './sim';
import { benchWorkspace } from './workspace';

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const suites: [string, () => Promise<void>][] = [
    ['cli', benchCli],
    ['server', benchServer],
    ['incumbent', () => benchIncumbent()],
    ['server-goals', benchServerGoals],
    ['completion', benchCompletion],
    ['schema', benchSchema],
    ['workspace', benchWorkspace],
    ['sim', benchSim],
    ['clusterHost', benchClusterHost],
    ['durability', benchDurability],
    ['panel', benchPanel],
    ['apiserver', benchApiServer],
  ];
  console.log(`Shipshape benchmarks — node ${process.version}, ${new Date().toISOString()}`);
  for (const [name, run] of suites) {
    if (only.length > 0 && !only.includes(name)) continue;
    console.log(`\n## ${name}`);
    await run();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
