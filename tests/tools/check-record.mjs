// Renders decision records with markdown-it (tables, linkify on, raw HTML on,
// as a permissive renderer would) and checks that answer text could not
// change the document's shape: one H1, the MADR sections in order, no links,
// images, raw HTML or emphasis beyond the record's own, tables whose rows all
// have the header's column count; the front matter parses as YAML with the
// MADR keys only. Usage: node check-record.mjs FILE...
import { readFileSync } from "node:fs";
import MarkdownIt from "markdown-it";
import yaml from "js-yaml";

const md = new MarkdownIt({ html: true, linkify: true });
// GFM autolinks need a scheme, www. or an e-mail address; bare domains (an
// image name) stay text on GitHub, so fuzzy domain links are off here too.
md.linkify.set({ fuzzyLink: false, fuzzyEmail: true });
const sections = [
  "Context and Problem Statement", "Decision Drivers", "Considered Options",
  "Decision Outcome", "Pros and Cons of the Options", "More Information",
];
let failed = 0;

function fail(file, msg) {
  console.log(`${file}: ${msg}`);
  failed++;
}

// Cells of a table row in the source: split on pipes not escaped.
function cells(line) {
  let n = 0;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === "\\") i++;
    else if (line[i] === "|") n++;
  }
  return n - 1;
}

for (const arg of process.argv.slice(2)) {
  const file = arg.replace(/^:/, ""); // markdownlint-cli2's literal-path mark
  let text = readFileSync(file, "utf8");
  // Front matter: one YAML mapping with exactly the MADR keys.
  if (!text.startsWith("---\n")) {
    fail(file, "no front matter");
  } else {
    const end = text.indexOf("\n---\n", 4);
    try {
      const fm = yaml.load(text.slice(4, end));
      const keys = Object.keys(fm || {}).join(",");
      if (keys !== "status,date,decision-makers") fail(file, `front matter keys ${keys}`);
      else if (fm.status !== "proposed") fail(file, `status ${fm.status}`);
    } catch (e) {
      fail(file, `front matter is not YAML: ${e.message.split("\n")[0]}`);
    }
    text = text.slice(end + 5);
  }
  const tokens = md.parse(text, {});
  const h1 = tokens.filter((t) => t.type === "heading_open" && t.tag === "h1").length;
  if (h1 !== 1) fail(file, `${h1} H1 headings, want 1`);
  const h2 = [];
  tokens.forEach((t, i) => {
    if (t.type === "heading_open" && t.tag === "h2") h2.push(tokens[i + 1].content);
  });
  if (JSON.stringify(h2) !== JSON.stringify(sections)) fail(file, `H2 sections are ${JSON.stringify(h2)}`);
  let html = md.renderer.render(tokens, md.options, {});
  // One image, ours: the cost chart beside the record (cost-chart.svg, or
  // NNNN-slug-cost.svg in an ADR folder). Any other image is an injection.
  const charts = html.match(/<img src="(cost-chart|[0-9]{4}-[a-z0-9-]+-cost)\.svg" alt="Monthly cost by request volume[^"<>]*">/g) || [];
  if (charts.length !== 1) fail(file, `${charts.length} cost chart images, want 1`);
  html = html.replace(charts[0] || "", "");
  for (const bad of ["<a ", "<img", "<script", "<em>", "<s>", "<del>", "<h4", "<h5", "<h6", "<hr"]) {
    if (html.includes(bad)) fail(file, `rendered HTML contains ${bad}`);
  }
  for (const m of html.matchAll(/<strong>(.*?)<\/strong>/g)) {
    if (!/^[0-9.]+$/.test(m[1])) fail(file, `unexpected bold text: ${m[1]}`);
  }
  if (tokens.some((t) => t.type === "html_block" || (t.children || []).some((c) => c.type === "html_inline"))) {
    fail(file, "raw HTML in the document");
  }
  // Source tables: every row as wide as its header.
  let width = -1;
  for (const line of text.split("\n")) {
    if (line.startsWith("|")) {
      const n = cells(line);
      if (width < 0) width = n;
      else if (n !== width) fail(file, `table row has ${n} cells, header has ${width}: ${line.slice(0, 60)}`);
    } else {
      width = -1;
    }
  }
}
if (failed) process.exit(1);
console.log(`${process.argv.length - 2} records render safely`);
