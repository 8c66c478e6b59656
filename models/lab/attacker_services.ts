/**
 * The attacker's own lab services: a small web server on its lab address that serves the
 * "tools" it downloads later, a netcat listener for the reverse shell and a DNS answerer
 * for its exfiltration domain; each bounded by `timeout` and ended by PID at teardown.
 *
 * @module
 */
import { actLive, type Actor } from "./actor.ts";
import type { Plan } from "./plan.ts";

/** The reverse shell's port on the attacker. */
export const SHELL_PORT = 4444;
/** The attacker's web server port. */
export const WEB_PORT = 8000;

/** Starts the attacker's web server and DNS answerer (the shell listener starts with its step). */
export async function startAttackerServices(p: Plan, a: Actor, dir: string, timeoutS: number) {
  await Deno.mkdir(`${dir}/www`, { recursive: true });
  await Deno.writeTextFile(
    `${dir}/www/enum.sh`,
    "#!/bin/sh\n# lab stand-in for an enumeration script: prints facts, changes nothing\nid; uname -a; ls -la /home\n",
  );
  actLive(
    a,
    [
      "python3",
      "-m",
      "http.server",
      String(WEB_PORT),
      "--bind",
      p.atkIp,
      "--directory",
      `${dir}/www`,
    ],
    timeoutS,
    `${dir}/web.log`,
  );
  actLive(
    a,
    [
      "dnsmasq",
      "-k",
      "--no-resolv",
      "--no-hosts",
      "--bind-interfaces",
      `--listen-address=${p.atkIp}`,
      `--address=/${p.exfilDomain}/${p.atkIp}`,
      "--pid-file=",
      "--log-facility=-",
      "--log-queries",
    ],
    timeoutS,
    `${dir}/dns.log`,
  );
  await new Promise((r) => setTimeout(r, 500));
}
