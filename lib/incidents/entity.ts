/**
 * Who an incident is about: the attacking address when the line names one (sshd `from`,
 * access-log client, firewall `SRC=`, dnsmasq requester, Suricata source), else host + user,
 * else the source. A user with a known session (an sshd login from an address) resolves to
 * that address, so `sudo` after a login joins the address's kill chain.
 *
 * @module
 */
import type { LineFields } from "../formats/fields.ts";
import type { Source } from "../core/schemas.ts";
import { hostOf } from "../core/source.ts";

/** An incident's entity. */
export interface Entity {
  /** An address, "host:user", or the source's name, path, host or peer. */
  entity: string;
  /** Which of those `entity` is. */
  kind: "ip" | "user" | "source";
}

/** Looks up the address a user on a host logged in from (sshd `Accepted`), if known. */
export type SessionLookup = (host: string, user: string) => string | undefined;

/**
 * The entity of a line from its parsed fields and source.
 * @example entityOf(parseFields(line), record.source, () => undefined)
 */
export function entityOf(fields: LineFields, source: Source, session: SessionLookup): Entity {
  if (fields.ip) return { entity: fields.ip, kind: "ip" };
  if (fields.user) {
    const host = hostOf(source);
    const ip = session(host, fields.user);
    return ip ? { entity: ip, kind: "ip" } : { entity: `${host}:${fields.user}`, kind: "user" };
  }
  const peer = source.peer?.replace(/:\d+$/, "");
  return {
    entity: source.name ?? source.path ?? source.host ?? peer ?? source.transport,
    kind: "source",
  };
}
