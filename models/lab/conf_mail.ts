import type { Plan } from "./plan.ts";
export async function writeMail(_r: string, _p: Plan) {}
