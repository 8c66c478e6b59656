/**
 * Untrusted markdown (LLM advice) rendered through micromark, a CommonMark parser, with raw
 * HTML off and dangerous URL schemes (`javascript:`, `data:`...) dropped — micromark's
 * defaults. HTML constructs and images are disabled too: HTML then shows as escaped text, and
 * an image would load from a foreign host (blocked by the CSP, but counted as a violation).
 *
 * @module
 */
import { micromark } from "micromark";

const OPTIONS = {
  allowDangerousHtml: false,
  allowDangerousProtocol: false,
  extensions: [{ disable: { null: ["htmlFlow", "htmlText", "labelStartImage"] } }],
};

/** Markdown → safe HTML. */
export function renderMarkdown(markdown: string): string {
  return micromark(markdown, OPTIONS);
}

/** Props of {@link Markdown}. */
export interface MarkdownProps {
  text: string;
}

/** The rendered markdown; the only HTML the board inserts, and only micromark's output. */
export function Markdown({ text }: MarkdownProps) {
  return <div class="md" dangerouslySetInnerHTML={{ __html: renderMarkdown(text) }} />;
}
