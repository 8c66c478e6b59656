/**
 * Shared sshd line builders and scanner pools for the sshd templates.
 *
 * @module
 */
import type { Ctx } from "../types.ts";
import { syslog } from "../format.ts";
import { authPid, ephemeralPort, sshHost } from "./auth_common.ts";

/** One sshd line (OpenSSH 9.8+ names the per-connection process sshd-session). */
export function sshd(ctx: Ctx, msg: string): string {
  const app = ctx.rng.chance(0.1) ? "sshd-session" : "sshd";
  return syslog(ctx, sshHost(ctx), app, authPid(ctx), msg, ctx.rng.pick(["auth", "authpriv"]));
}

/** " [preauth]" on OpenSSH 6.2+, absent on older builds. */
export function preauth(ctx: Ctx): string {
  return ctx.rng.chance(0.85) ? " [preauth]" : "";
}

/** "IP port N" (OpenSSH 7.x+) or the bare address of older releases. */
export function from(ctx: Ctx, ip: string): string {
  return ctx.rng.chance(0.8) ? `${ip} port ${ephemeralPort(ctx)}` : ip;
}

export function keyFp(ctx: Ctx): string {
  const { rng } = ctx;
  if (rng.chance(0.15)) {
    return `RSA ${Array.from({ length: 16 }, () => rng.hex(2)).join(":")}`;
  }
  return `${rng.weighted([["RSA", 4], ["ED25519", 4], ["ECDSA", 1]])} SHA256:${rng.alnum(43)}`;
}

export const SCANNER_CLIENTS = [
  "SSH-2.0-Go",
  "SSH-2.0-libssh_0.9.6",
  "SSH-2.0-libssh2_1.9.0",
  "SSH-2.0-paramiko_2.11.0",
  "SSH-1.5-Nmap-SSH1-Hostkey",
  "SSH-2.0-Nmap-SSH2-Hostkey",
  "SSH-2.0-ZGrab ZGrab SSH Survey",
  "SSH-2.0-JSCH-0.1.54",
  "SSH-2.0-PUTTY",
  "SSH-1.99-OpenSSH_4.3",
];

export const OLD_KEX = [
  "diffie-hellman-group14-sha1,diffie-hellman-group-exchange-sha1,diffie-hellman-group1-sha1",
  "diffie-hellman-group1-sha1",
  "diffie-hellman-group-exchange-sha1,diffie-hellman-group1-sha1",
  "diffie-hellman-group14-sha1,diffie-hellman-group1-sha1,ecdh-sha2-nistp256",
];

export const BANNER_JUNK = [
  "GET / HTTP/1.1",
  "GET / HTTP/1.0",
  "\\026\\003\\001",
  "\\026\\003\\001\\002\\000\\001",
  "OPTIONS / HTTP/1.0",
  "HELP",
  "\\003",
  "SSH-2.0",
  "\\200\\001",
];
