import type { Plan } from "./plan.ts";
export async function writeWeb(_r: string, _p: Plan) {}
