/**
 * Benign actors: users and admins logging in (sometimes mistyping once), using sudo and su,
 * browsing with real browser agents (including 404s), sending and reading mail, looking names
 * up, moving files over FTP; each action bounded, the loop bounded by count and a stop flag.
 *
 * @module
 */
import { act, type Actor } from "./actor.ts";
import { labAddresses, type Plan } from "./plan.ts";
import { assertLabTarget } from "./safety.ts";
import type { Daemon } from "./server.ts";
import { serviceActions } from "./benign_services.ts";
import { sshCmd } from "./ssh_client.ts";

/** One benign action: returns nothing, bounded inside. */
export type Action = (u: BenignUser) => Promise<unknown>;

/** The user an action runs as: actor (namespace + hostname), source address and account. */
export interface BenignUser {
  actor: Actor;
  ip: string;
  plan: Plan;
  account: Plan["accounts"][number];
}

const SHELL_CMDS = [
  "uptime",
  "ls -la",
  "df -h",
  "cat notes.txt",
  "ps aux | head -5",
  "who",
  "free -m",
  "grep -c bash /etc/passwd",
  "tail -n 3 notes.txt",
  "date",
  "id",
  "find . -maxdepth 1 -name '*.txt'",
];
const SUDO_CMDS = [
  "tail -n 5 /var/log/syslog",
  "ls /root",
  "cat /etc/ssh/sshd_config",
  "du -sh /var/log",
  "find /var/log -name '*.log' -size +1k",
  "grep -c Accepted /var/log/auth.log",
];
/** Admin reloads of running daemons (and a config check that fails on a bad test config). */
const RELOADS: Partial<Record<Daemon, string[]>> = {
  apache: [
    "apachectl graceful",
    "apachectl configtest",
    "apachectl -t -f /etc/apache2/broken.conf",
  ],
  nginx: ["nginx -s reload", "nginx -t"],
  postfix: ["postfix reload", "postqueue -p", "postconf -n"],
  dovecot: ["doveadm reload", "doveadm who"],
  dnsmasq: ["dnsmasq --test -C /etc/dnsmasq.lab.conf"],
};

function sshSession(u: BenignUser, mistype: boolean): Promise<unknown> {
  const r = u.plan.rng;
  const cmd = Array.from({ length: r.int(1, 3) }, () => r.pick(SHELL_CMDS)).join("; ");
  const ssh = (pw: string) => act(u.actor, sshCmd(u.ip, u.account.name, pw, u.plan.srvIp, cmd), 20);
  return mistype
    ? ssh(u.account.password.slice(1)).then(() => ssh(u.account.password))
    : ssh(u.account.password);
}

function sudoSession(u: BenignUser, cmds: string[]): Promise<unknown> {
  const admin = u.plan.accounts.find((a) => a.admin)!;
  const c = u.plan.rng.pick(cmds);
  const cmd = `echo '${admin.password}' | sudo -S -p '' ${c} > /dev/null`;
  return act(u.actor, sshCmd(u.ip, admin.name, admin.password, u.plan.srvIp, cmd), 20);
}

function suSession(u: BenignUser): Promise<unknown> {
  const [admin, other] = [u.plan.accounts[0], u.plan.accounts[1]];
  const cmd = `echo '${other.password}' | su - ${other.name} -c 'ls -la'`;
  return act(u.actor, sshCmd(u.ip, admin.name, admin.password, u.plan.srvIp, cmd), 20);
}

function sshActions(daemons: Daemon[]): [Action, number][] {
  const reloads = daemons.flatMap((d) => RELOADS[d] ?? []);
  return [
    [(u) => sshSession(u, false), 5],
    [(u) => sshSession(u, true), 1],
    [(u) => sudoSession(u, SUDO_CMDS), 2],
    [suSession, 1],
    ...(reloads.length
      ? [[(u: BenignUser) => sudoSession(u, reloads), 1] as [Action, number]]
      : []),
  ];
}

/** The weighted action list for the daemons a scenario runs. */
export function benignActions(daemons: Daemon[]): [Action, number][] {
  return [...(daemons.includes("sshd") ? sshActions(daemons) : []), ...serviceActions(daemons)];
}

/** Runs benign actions as the plan's users until `stop()` or `maxActions`, `pauseMs` apart. */
export async function benignLoop(
  plan: Plan,
  actors: Actor[],
  actions: [Action, number][],
  stop: () => boolean,
  maxActions: number,
  pauseMs: number,
): Promise<number> {
  for (const ip of [plan.srvIp, ...plan.userIps]) assertLabTarget(ip, labAddresses(plan));
  const r = plan.rng;
  const total = actions.reduce((s, [, w]) => s + w, 0);
  let n = 0;
  while (!stop() && n < maxActions) {
    const i = r.int(0, actors.length - 1);
    const account = r.pick(plan.accounts.slice(0, -1));
    let x = r.next() * total;
    const [action] = actions.find(([, w]) => (x -= w) < 0) ?? actions[0];
    await action({ actor: actors[i], ip: plan.userIps[i], plan, account }).catch(() => {});
    n++;
    await new Promise((res) => setTimeout(res, pauseMs * (0.5 + r.next())));
  }
  return n;
}
