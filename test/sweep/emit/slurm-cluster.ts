/**
 * A one-node Slurm cluster on this machine for tests: munged (as user munge), slurmctld and slurmd
 * (as root), every file under one temporary folder, listening on free loopback ports, so that it
 * disturbs no Slurm or munge already installed and running here. Needs root and Debian's
 * `slurm-wlm` and `munge` (.ci/run installs them); slurmAvailable() says why not otherwise.
 *
 * Debian's munge keeps its key in /etc/munge/munge.key (owner munge, mode 0400 or 0600, in a 0700
 * directory owned by munge), its socket and pid file in /run/munge (0755, munge) and its seed in
 * /var/lib/munge (munge). The key is shared with a system munged (created here only if missing);
 * socket, pid and seed files live in the temporary folder, in a directory owned by munge and
 * traversable by everyone (munged refuses a socket directory others cannot enter). slurm.conf
 * points Slurm's auth/munge and cred/munge at that socket (AuthInfo=socket=...), and every Slurm
 * command reads that slurm.conf through SLURM_CONF.
 *
 * The daemons run in the foreground as children of the test process, each in a session of its own
 * (a Ctrl-C to the test's process group does not reach them). stop() cancels the cluster's jobs,
 * then ends the daemons by their process ids. A watchdog (a detached shell script) does the same
 * if the test process dies before stop() (even by SIGKILL): jobs first, so that no slurmstepd
 * is left waiting for a slurmd that is gone, then the daemons, then the temporary folder.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

const BINARIES = ['munged', 'slurmctld', 'slurmd', 'sbatch', 'squeue', 'sinfo', 'scontrol', 'scancel'];
const MUNGE_KEY = '/etc/munge/munge.key';

function which(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/** Why a real Slurm cannot run here (undefined when it can). */
export function slurmUnavailable(): string | undefined {
  const missing = BINARIES.filter((b) => !which(b));
  if (missing.length > 0) return `${missing.join(', ')} not installed (apt-get install slurm-wlm munge; .ci/run does)`;
  if (process.getuid?.() !== 0) return 'not running as root (the test starts munged as user munge and slurmd as root)';
  if (userIds('munge') === undefined) return 'no user "munge" (the munge package creates it)';
  return undefined;
}

function userIds(name: string): { uid: number; gid: number } | undefined {
  const line = fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  if (line === undefined) return undefined;
  const f = line.split(':');
  return { uid: Number(f[2]), gid: Number(f[3]) };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, timeoutMs: number, probe: () => T | undefined, logs: () => string): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${logs()}`);
    await sleep(100);
  }
}

export interface SlurmCluster {
  readonly dir: string;
  readonly conf: string;
  readonly node: string;
  readonly partition: string;
  /** process.env plus SLURM_CONF: the environment to run Slurm commands (and emitted scripts) in. */
  readonly env: NodeJS.ProcessEnv;
  readonly pids: readonly number[];
  /** Runs a Slurm command against this cluster. */
  run(cmd: string, args: readonly string[]): { code: number; stdout: string; stderr: string };
  /** The daemons' log files, for failure messages. */
  logs(): string;
  stop(): Promise<void>;
}

export async function startSlurmCluster(): Promise<SlurmCluster> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trnsim-slurm-'));
  fs.chmodSync(dir, 0o755);
  const munge = userIds('munge')!;
  const children: ChildProcess[] = [];
  const logFile = (name: string): string => path.join(dir, 'log', name);
  fs.mkdirSync(path.join(dir, 'log'));
  for (const d of ['state', 'spool']) fs.mkdirSync(path.join(dir, d));

  const logs = (): string =>
    fs
      .readdirSync(path.join(dir, 'log'))
      .map((f) => `--- ${f}\n${fs.readFileSync(logFile(f), 'utf8').split('\n').slice(-15).join('\n')}`)
      .join('\n');

  const pidFile = path.join(dir, 'daemon.pids');
  const start = (name: string, argv: readonly string[], ids?: { uid: number; gid: number }): ChildProcess => {
    const out = fs.openSync(logFile(`${name}.out`), 'a');
    // uid/gid: node drops root (and the supplementary groups) before exec
    const child = spawn(argv[0]!, argv.slice(1), { cwd: dir, env: { ...process.env, SLURM_CONF: conf }, stdio: ['ignore', out, out], detached: true, ...(ids ?? {}) });
    fs.closeSync(out);
    children.push(child);
    fs.appendFileSync(pidFile, `${child.pid}\n`);
    return child;
  };
  const partition = 'trnsim';
  startWatchdog(dir, pidFile, partition);

  const conf = path.join(dir, 'slurm.conf');
  try {
    // munge: the key (if missing), a socket directory of our own
    if (!fs.existsSync(MUNGE_KEY)) {
      fs.mkdirSync(path.dirname(MUNGE_KEY), { recursive: true, mode: 0o700 });
      fs.chownSync(path.dirname(MUNGE_KEY), munge.uid, munge.gid);
      fs.writeFileSync(MUNGE_KEY, randomBytes(1024), { mode: 0o400 });
      fs.chownSync(MUNGE_KEY, munge.uid, munge.gid);
    }
    const mungeDir = path.join(dir, 'munge');
    fs.mkdirSync(mungeDir, { mode: 0o755 });
    fs.chmodSync(mungeDir, 0o755);
    fs.chownSync(mungeDir, munge.uid, munge.gid);
    const socket = path.join(mungeDir, 'munge.socket');
    start(
      'munged',
      ['munged', '--foreground', `--socket=${socket}`, `--pid-file=${mungeDir}/munged.pid`, `--seed-file=${mungeDir}/munged.seed`, `--key-file=${MUNGE_KEY}`, `--log-file=${mungeDir}/munged.log`],
      munge,
    );
    await until('munged to create its socket', 10_000, () => (fs.existsSync(socket) ? true : undefined), logs);

    const node = os.hostname().split('.')[0]!;
    const [ctldPort, slurmdPort] = [await freePort(), await freePort()];
    fs.writeFileSync(
      conf,
      [
        'ClusterName=trnsimtest',
        `SlurmctldHost=${node}(127.0.0.1)`,
        `SlurmctldPort=${ctldPort}`,
        `SlurmdPort=${slurmdPort}`,
        'SlurmUser=root',
        'SlurmdUser=root',
        'AuthType=auth/munge',
        'CredType=cred/munge',
        // cred_expire: how long a requeued job waits before it may start again (default 120 s);
        // slurmd refuses a job whose earlier credential it revoked within that time
        `AuthInfo=socket=${socket},cred_expire=5`,
        'ProctrackType=proctrack/linuxproc',
        'TaskPlugin=task/none',
        'SelectType=select/cons_tres',
        'SelectTypeParameters=CR_CPU',
        'SchedulerType=sched/backfill',
        // scheduling passes every second (defaults 60 s and 30 s): jobs start as soon as they can
        'SchedulerParameters=sched_interval=1,bf_interval=1',
        'JobCompType=jobcomp/none',
        'AccountingStorageType=accounting_storage/none',
        'JobAcctGatherType=jobacct_gather/none',
        'MpiDefault=none',
        'MailProg=/bin/true',
        'ReturnToService=2',
        // finished jobs stay visible to scontrol for the whole test
        'MinJobAge=3600',
        `StateSaveLocation=${dir}/state`,
        `SlurmdSpoolDir=${dir}/spool`,
        `SlurmctldPidFile=${dir}/slurmctld.pid`,
        `SlurmdPidFile=${dir}/slurmd.pid`,
        `SlurmctldLogFile=${logFile('slurmctld.log')}`,
        `SlurmdLogFile=${logFile('slurmd.log')}`,
        `NodeName=${node} NodeAddr=127.0.0.1 CPUs=${os.availableParallelism()} State=UNKNOWN`,
        `PartitionName=${partition} Nodes=${node} Default=YES MaxTime=INFINITE State=UP`,
        '',
      ].join('\n'),
    );
    const env = { ...process.env, SLURM_CONF: conf };
    const run = (cmd: string, args: readonly string[]): { code: number; stdout: string; stderr: string } => {
      const r = spawnSync(cmd, args, { env, encoding: 'utf8', timeout: 20_000 });
      return { code: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
    };

    start('slurmctld', ['slurmctld', '-D', '-i', '-f', conf]);
    await until('slurmctld to answer', 15_000, () => (run('scontrol', ['ping']).stdout.includes('is UP') ? true : undefined), logs);
    start('slurmd', ['slurmd', '-D', '-N', node, '-f', conf]);
    await until(`node ${node} to be idle`, 15_000, () => (run('sinfo', ['-h', '-n', node, '-o', '%T']).stdout.trim() === 'idle' ? true : undefined), logs);

    return {
      dir,
      conf,
      node,
      partition,
      env,
      pids: children.map((c) => c.pid!),
      run,
      logs,
      async stop(): Promise<void> {
        // jobs first (slurmd ends their processes), then the daemons, by pid
        run('scancel', ['--quiet', `--partition=${partition}`]);
        const end = Date.now() + 10_000;
        while (Date.now() < end && run('squeue', ['-h', '-o', '%i']).stdout.trim() !== '') await sleep(200);
        await stopChildren(children);
        // the watchdog sees the folder gone and ends; nothing is left for it to do
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await stopChildren(children);
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

/**
 * A detached shell that waits for this process to end; if the cluster's folder is still there
 * then (stop() did not run), it cancels the jobs, ends the daemons by pid and removes the folder.
 */
function startWatchdog(dir: string, pidFile: string, partition: string): void {
  const script = [
    'test_pid=$1; dir=$2; pids=$3; partition=$4',
    'while kill -0 "$test_pid" 2>/dev/null && [ -d "$dir" ]; do sleep 1; done',
    '[ -d "$dir" ] || exit 0',
    'export SLURM_CONF="$dir/slurm.conf"',
    'timeout 10 scancel --quiet --partition="$partition" 2>/dev/null',
    'for i in $(seq 40); do [ -z "$(timeout 5 squeue -h -o %i 2>/dev/null)" ] && break; sleep 0.5; done',
    'for p in $(tac "$pids" 2>/dev/null); do kill -TERM "$p" 2>/dev/null; done',
    'sleep 3',
    'for p in $(cat "$pids" 2>/dev/null); do kill -KILL "$p" 2>/dev/null; done',
    'rm -rf "$dir"',
  ].join('\n');
  const w = spawn('bash', ['-c', script, 'trnsim-slurm-watchdog', String(process.pid), dir, pidFile, partition], { detached: true, stdio: 'ignore' });
  w.unref();
}

/** SIGTERM in reverse start order, SIGKILL after 5 s for any that did not exit. */
async function stopChildren(children: readonly ChildProcess[]): Promise<void> {
  for (const c of [...children].reverse()) {
    if (c.exitCode !== null || c.signalCode !== null || c.pid === undefined) continue;
    const exited = new Promise<void>((r) => c.once('exit', () => r()));
    c.kill('SIGTERM');
    const late = await Promise.race([exited.then(() => false), sleep(5_000).then(() => true)]);
    if (late) {
      c.kill('SIGKILL');
      await exited;
    }
  }
}
