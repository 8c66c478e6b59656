/**
 * Advice markdown: CommonMark out, raw HTML and dangerous URLs never.
 *
 * @module
 */
import assert from "node:assert/strict";
import { renderMarkdown } from "./markdown.tsx";

Deno.test("Markdown - CommonMark renders, HTML shows as text, dangerous links and images are dropped", () => {
  const cases: [string, RegExp, RegExp?][] = [
    ["## Contain\n\n- block it", /<h2>Contain<\/h2>\n<ul>\n<li>block it<\/li>/],
    ["<script>alert(1)</script>", /&lt;script&gt;alert\(1\)&lt;\/script&gt;/, /<script/],
    ['<img src=x onerror="alert(1)">', /&lt;img src=x onerror=/, /<img/],
    ["[x](javascript:alert(1))", /<a href="">x<\/a>/, /javascript:/],
    ["[x](data:text/html,<b>)", /<a href="">x<\/a>/, /data:/],
    [
      "![p](http://198.51.100.9/t.png)",
      /!<a href="http:\/\/198\.51\.100\.9\/t\.png">p<\/a>/,
      /<img/,
    ],
    ["<https://attack.mitre.org/>", /<a href="https:\/\/attack\.mitre\.org\/">/],
  ];
  for (const [md, want, never] of cases) {
    const html = renderMarkdown(md);
    assert.match(html, want, md);
    if (never) assert.doesNotMatch(html, never, md);
  }
});
