/** @module Liveness route: `GET /healthz` answers while the process serves HTTP. */
import { Hono } from "hono";

/** The health sub-app. */
export const health = new Hono().get("/healthz", (c) => c.json({ ok: true }));
