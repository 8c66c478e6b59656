/**
 * The browser entry point (bundled by `deno task build:islands`): hydrates every island the
 * server rendered. Each island is `<div data-island="Name" data-props="ID">` followed by a
 * `<script type="application/json" id="ID">` data block (not a script: the CSP allows it).
 *
 * @module
 */
import { type FunctionComponent, h, hydrate } from "preact";
import LiveBoard from "../LiveBoard.tsx";
import TriageActions from "../TriageActions.tsx";
import AdviceStream from "../AdviceStream.tsx";

// deno-lint-ignore no-explicit-any
const ISLANDS: Record<string, FunctionComponent<any>> = { LiveBoard, TriageActions, AdviceStream };

for (const el of document.querySelectorAll<HTMLElement>("[data-island]")) {
  const island = ISLANDS[el.dataset.island ?? ""];
  const data = document.getElementById(el.dataset.props ?? "");
  if (island && data) hydrate(h(island, JSON.parse(data.textContent ?? "{}")), el);
}
