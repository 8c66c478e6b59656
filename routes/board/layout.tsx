/**
 * The page shell and the island wrapper. An island is server-rendered inside
 * `<div data-island>` with its props beside it as a JSON data block — `<`, `>`, `&` and the
 * JS line separators escaped, so no text in the props can close the element — which
 * client/hydrate.ts reads to hydrate it. No inline script, no inline style: the CSP allows none.
 *
 * @module
 */
import { type ComponentChildren, type FunctionComponent, h } from "preact";
import { render } from "preact-render-to-string";
import type { Assets } from "./assets.ts";

/** JSON that is inert inside a `<script type="application/json">` element. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** Props of {@link Island}. */
export interface IslandProps<P> {
  name: string;
  component: FunctionComponent<P>;
  props: P;
}

/** A server-rendered island and its props. */
export function Island<P>({ name, component: C, props }: IslandProps<P>) {
  const id = `props-${name}`;
  return (
    <>
      <div data-island={name} data-props={id}>
        {h(C, props as P & Record<string, unknown>)}
      </div>
      <script
        type="application/json"
        id={id}
        dangerouslySetInnerHTML={{ __html: jsonForScript(props) }}
      />
    </>
  );
}

/** What every page passes to the shell. */
export interface PageInfo {
  title: string;
  /** The nav entry to mark current. */
  nav?: "board" | "logs" | "activity";
  assets: Assets;
  /** Show the logout button (a token is configured and this is a logged-in session). */
  logout?: { csrf: string };
}

const NAV = [["board", "/", "Board"], ["logs", "/logs", "Logs"], [
  "activity",
  "/activity",
  "Activity",
]];

function Shell({ page, children }: { page: PageInfo; children: ComponentChildren }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>{`${page.title} · INSyT`}</title>
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href={page.assets.css} />
      </head>
      <body>
        <a class="skip" href="#main">Skip to content</a>
        <header class="top">
          <span class="brand">INSyT</span>
          <nav aria-label="Main">
            {NAV.map(([key, href, text]) => (
              <a href={href} aria-current={page.nav === key ? "page" : undefined}>{text}</a>
            ))}
          </nav>
          {page.logout && (
            <form method="post" action="/logout" class="logout">
              <input type="hidden" name="_csrf" value={page.logout.csrf} />
              <button type="submit">Log out</button>
            </form>
          )}
        </header>
        <main id="main">{children}</main>
        {page.assets.script && <script type="module" src={page.assets.script} />}
      </body>
    </html>
  );
}

/** A whole HTML document. */
export function renderPage(page: PageInfo, body: ComponentChildren): string {
  return "<!doctype html>" + render(<Shell page={page}>{body}</Shell>);
}
