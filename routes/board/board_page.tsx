/**
 * The board page (`/`): incident cards by status, hydrated as the LiveBoard island.
 *
 * @module
 */
import type { ComponentChildren } from "preact";
import LiveBoard, { type LiveBoardProps } from "../../islands/LiveBoard.tsx";
import { Island } from "./layout.tsx";

/** The board's body. */
export function BoardPage(props: LiveBoardProps): ComponentChildren {
  return (
    <>
      <h1>Incidents</h1>
      <Island name="LiveBoard" component={LiveBoard} props={props} />
    </>
  );
}
