/**
 * Text as a CSS string literal: anything but plain letters, digits and a few marks written as
 * a CSS escape, so text from users or the log can neither end the string nor the style element.
 */
export function cssString(text: string): string {
  return `"${[...text].map((c) => (/^[A-Za-z0-9 .,:;()·–-]$/.test(c) ? c : `\\${c.codePointAt(0)!.toString(16)} `)).join('')}"`;
}

/**
 * The HTML pack's own styles (the page loads nothing: its policy allows inline styles only).
 * On paper: A4, the footer of every page printing `footer` (the stamp) and "Page n of N" in the
 * page's margin boxes; each section starts a page; table headers repeat, rows are not split.
 * Status chips carry their letter and words, so a black-and-white print loses nothing.
 */
export function packStyle(footer: string): string {
  return `
body{font:14px/1.4 system-ui,sans-serif;color:#111;margin:2rem;max-width:1100px}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:2px solid #333}h3{font-size:1.05rem;margin-top:1.5rem}h4{font-size:.95rem;margin-bottom:.2rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}th,td{border:1px solid #999;padding:.25rem .4rem;text-align:left;vertical-align:top}
th{background:#eee}small{color:#444}
.chip{display:inline-block;padding:0 .4rem;border-radius:3px;font-weight:600;white-space:nowrap;border:1px solid #333}
.s-W{background:#fff;color:#111}.s-G{background:#1b5e20;color:#fff}.s-A{background:#ffb300;color:#111}
.s-R{background:#b71c1c;color:#fff}.s-B{background:#0d47a1;color:#fff}.s-withdrawn{background:#ddd;color:#111}
.stamp{border:2px solid #333;padding:.5rem 1rem;font-family:monospace;font-size:12px;word-break:break-all}
.trend-body{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start}.trend-body figure{margin:0;flex:1 1 420px}
.trend-body svg{max-width:100%;height:auto}.trend-body figcaption{margin-top:.3rem}.trend-data{flex:1 1 360px}
@page{size:A4;margin:15mm 12mm 20mm;
@bottom-left{content:${cssString(footer)};font:9px monospace;vertical-align:top;padding-top:3mm}
@bottom-right{content:"Page " counter(page) " of " counter(pages);font:9px sans-serif;vertical-align:top;padding-top:3mm}}
@media print{
body{margin:0;max-width:none;font-size:11px}
section{break-before:page}
.trend{break-inside:avoid}
thead{display:table-header-group}tr{break-inside:avoid}
.chip{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}`;
}
