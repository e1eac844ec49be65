import fs from 'node:fs';
import path from 'node:path';

/**
 * The one `docker run` line of README "Running it on a Kasm agent" (between the
 * docker-run:begin/end markers), as argv and as the flags it sets. The image
 * and compose tests run exactly this.
 */
export interface ReadmeDockerRun {
  argv: string[];
  image: string;
  restart: string;
  network: string;
  pid: string;
  readOnly: boolean;
  tmpfs: string[];
  capDrop: string[];
  capAdd: string[];
  securityOpt: string[];
  volumes: string[];
}

export function readmeDockerRun(): ReadmeDockerRun {
  const readme = fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
  const m = /<!-- docker-run:begin -->\s*```sh\n([\s\S]*?)```\s*<!-- docker-run:end -->/.exec(readme);
  if (!m?.[1]) throw new Error('README.md has no docker-run:begin/end block');
  const argv = m[1].replace(/\\\n/g, ' ').trim().split(/\s+/);
  if (argv[0] !== 'docker' || argv[1] !== 'run') throw new Error(`README docker run block starts with "${argv.slice(0, 2).join(' ')}"`);
  const out: ReadmeDockerRun = { argv: argv.slice(2), image: '', restart: '', network: '', pid: '', readOnly: false, tmpfs: [], capDrop: [], capAdd: [], securityOpt: [], volumes: [] };
  const rest = argv.slice(2);
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] ?? '';
    const next = () => rest[++i] ?? '';
    if (a === '-d') continue;
    else if (a === '--name') next();
    else if (a === '--restart') out.restart = next();
    else if (a === '--network') out.network = next();
    else if (a === '--pid') out.pid = next();
    else if (a === '--read-only') out.readOnly = true;
    else if (a === '--tmpfs') out.tmpfs.push(next());
    else if (a === '--cap-drop') out.capDrop.push(next());
    else if (a === '--cap-add') out.capAdd.push(next());
    else if (a === '--security-opt') out.securityOpt.push(next());
    else if (a === '-v') out.volumes.push(next());
    else if (a.startsWith('-')) throw new Error(`README docker run: flag ${a} is not understood by the tests`);
    else out.image = a;
  }
  return out;
}
