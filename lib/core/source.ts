/** @module Names for a line's source: the key its context is kept under, and its host. */
import type { Source } from "./schemas.ts";

const noPort = (peer: string) => peer.replace(/:\d+$/, "");

/** The identity of a line's source for context: file path, or transport + host/peer. */
export function sourceKey(s: Source): string {
  if (s.path) return `file:${s.path}`;
  return `${s.transport}:${s.host ?? s.name ?? (s.peer ? noPort(s.peer) : "-")}`;
}

/** The host a line is about: syslog/HTTP host, else source name, file path or peer address. */
export function hostOf(s: Source): string {
  return s.host ?? s.name ?? s.path ?? (s.peer ? noPort(s.peer) : "-");
}
