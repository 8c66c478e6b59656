/**
 * Builds ssh client command lines for actors: password logins through sshpass, bound to a
 * chosen source address, never touching the caller's known_hosts.
 *
 * @module
 */

const OPTS = [
  "-o",
  "StrictHostKeyChecking=no",
  "-o",
  "UserKnownHostsFile=/dev/null",
  "-o",
  "LogLevel=ERROR",
  "-o",
  "PubkeyAuthentication=no",
  "-o",
  "PreferredAuthentications=password",
  "-o",
  "NumberOfPasswordPrompts=1",
  "-o",
  "ConnectTimeout=5",
];

/** `sshpass -p PW ssh ... user@host cmd`, from source address `src`. */
export function sshCmd(
  src: string,
  user: string,
  password: string,
  host: string,
  cmd: string,
): string[] {
  return ["sshpass", "-p", password, "ssh", ...OPTS, "-b", src, `${user}@${host}`, cmd];
}
