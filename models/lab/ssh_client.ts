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

/** `sshpass -p PW ssh ... user@host cmd`, from source address `src`, with a pty when `tty`. */
export function sshCmd(
  src: string,
  user: string,
  password: string,
  host: string,
  cmd: string,
  tty = false,
): string[] {
  return [
    "sshpass",
    "-p",
    password,
    "ssh",
    ...OPTS,
    "-b",
    src,
    ...(tty ? ["-tt"] : []),
    `${user}@${host}`,
    cmd,
  ];
}
