/**
 * The islands' live link to the server: one EventSource per page, named events dispatched to
 * handlers, and a connection state for the indicator. EventSource retries by itself after a
 * dropped stream (sending `Last-Event-ID`), but gives up for good on an HTTP error (a server
 * restarting behind a proxy, a 503): then a new one is opened with backoff, carrying the last
 * seen id as `?lastEventId=` since an EventSource cannot set headers.
 *
 * @module
 */
import { type Signal, signal } from "@preact/signals";

/** "static" until JavaScript runs (the server-rendered snapshot). */
export type LinkState = "static" | "connecting" | "live" | "reconnecting";

/** Handlers by event name; `data` is the parsed JSON payload. */
export type Handlers = Record<string, (data: unknown) => void>;

/** The page's shared link state. */
export const linkState: Signal<LinkState> = signal("static");

/** Opens the stream; returns a function that closes it. */
export function connect(url: string, lastEventId: string | null, handlers: Handlers): () => void {
  let last = lastEventId;
  let source: EventSource | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let backoff = 1000;
  const open = () => {
    const u = new URL(url, location.href);
    if (last) u.searchParams.set("lastEventId", last);
    source = new EventSource(u);
    linkState.value = linkState.value === "static" ? "connecting" : "reconnecting";
    source.onopen = () => {
      linkState.value = "live";
      backoff = 1000;
    };
    source.onerror = () => {
      linkState.value = "reconnecting";
      if (source?.readyState === EventSource.CLOSED) {
        timer = setTimeout(open, backoff);
        backoff = Math.min(backoff * 2, 15_000);
      }
    };
    for (const [name, handle] of Object.entries(handlers)) {
      source.addEventListener(name, (e) => {
        const m = e as MessageEvent<string>;
        if (m.lastEventId) last = m.lastEventId;
        handle(JSON.parse(m.data));
      });
    }
  };
  open();
  return () => {
    clearTimeout(timer);
    source?.close();
  };
}

const LABELS: Record<LinkState, string> = {
  static: "snapshot (live updates need JavaScript)",
  connecting: "connecting…",
  live: "live",
  reconnecting: "reconnecting…",
};

/** The connection indicator (a polite live region, so screen readers hear it change). */
export function LinkIndicator() {
  return (
    <p class={`link link-${linkState.value}`} role="status" aria-live="polite">
      <span class="dot" aria-hidden="true" /> {LABELS[linkState.value]}
    </p>
  );
}
