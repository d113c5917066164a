// Critical CSS, inlined in every page so the first response renders complete.
// System fonts; Chinese text gets a CJK font first (full-width quotes and punctuation),
// code a monospace stack (also on Chinese pages, where :lang() would give it the CJK
// font); long values wrap and wide tables scroll in their own box (.scroll), so nothing
// scrolls sideways at 320 px; dark mode follows the system; print shows the text only.
export const CSS = `
:root{--fg:#1b1f23;--muted:#57606a;--bg:#fff;--card:#f6f8fa;--line:#d0d7de;--accent:#b4232a;--accent-fg:#fff;--focus:#fd0;--err:#c00;
font-family:system-ui,-apple-system,"Segoe UI","PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",sans-serif;
line-height:1.7;color:var(--fg);background:var(--bg)}
:lang(zh-Hans){font-family:"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",system-ui,sans-serif}
:lang(zh-Hant){font-family:"PingFang TC","Microsoft JhengHei","Noto Sans CJK TC","Source Han Sans TC",system-ui,sans-serif}
@media(prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9da7b3;--bg:#0d1117;--card:#161b22;--line:#30363d;--accent:#ff7b72;--accent-fg:#0d1117;--err:#ff8182}}
*{box-sizing:border-box}body{margin:0}[hidden]{display:none!important}
a{color:inherit;text-underline-offset:.2em}
a:focus,button:focus,input:focus,select:focus,textarea:focus{outline:3px solid var(--focus);outline-offset:0}
a:focus{outline:3px solid transparent;background:var(--focus);color:#0b0c0c;box-shadow:0 -2px var(--focus),0 4px #0b0c0c;text-decoration:none}
.wrap{max-width:46rem;margin:0 auto;padding:0 1rem}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;padding:.5rem}
header.site{border-bottom:1px solid var(--line)}
header.site .wrap{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;justify-content:space-between;padding-block:.6rem}
.brand{font-weight:700;text-decoration:none}
nav.langs ul{display:flex;gap:.8rem;list-style:none;margin:0;padding:0}
nav.langs [aria-current]{font-weight:700;text-decoration:none}
h1,h2{text-wrap:balance}
h1{font-size:1.75rem;line-height:1.3;margin:1.5rem 0 .5rem}
h2{font-size:1.25rem;line-height:1.4;margin:1.75rem 0 .5rem}
.sub{font-size:1.15rem;margin:0}.tagline{color:var(--muted);margin:.25rem 0 1rem}
.text p:lang(zh){text-align:justify;text-justify:inter-character}
.totals{display:flex;flex-wrap:wrap;gap:1rem;margin:1.25rem 0;padding:1rem;background:var(--card);border-radius:.5rem}
.totals p{margin:0;flex:1 1 12rem}.totals strong{display:block;font-size:2rem;line-height:1.2;color:var(--accent);font-variant-numeric:tabular-nums}
.muted{color:var(--muted);font-size:.875rem}
.sr-live{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.goal{flex-basis:100%}.goal progress{width:100%;height:.75rem;accent-color:var(--accent)}
.more{display:flex;flex-wrap:wrap;gap:.5rem 1.25rem}.share{display:flow-root}.qr{float:right;margin:0 0 .5rem 1rem}
.share-buttons button{margin:0 .75rem .5rem 0}.share-links{display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;list-style:none;padding:0}.share-url a{overflow-wrap:anywhere}
:root :is(code,pre,kbd,samp){font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Noto Sans Mono CJK SC","Noto Sans Mono CJK TC",monospace}
main{overflow-wrap:break-word}code{overflow-wrap:anywhere}pre{white-space:pre-wrap;overflow-wrap:anywhere}.scroll{overflow-x:auto;max-width:100%}
.societies{columns:14rem;column-gap:1.5rem;padding:0;list-style:none;font-size:.95rem}
.societies li{break-inside:avoid;padding:.1rem 0}
.card{background:var(--card);border-radius:.5rem;padding:1rem 1rem 1.25rem;margin:1.5rem 0}
label{display:block;font-weight:600;margin-top:1rem}
.hint{display:block;font-weight:400;color:var(--muted);font-size:.875rem}
input,select,textarea{font:inherit;width:100%;max-width:30rem;padding:.45rem;border:2px solid var(--fg);border-radius:0;background:var(--bg);color:var(--fg)}
input[type=checkbox]{width:1.5rem;height:1.5rem;vertical-align:middle;margin-right:.5rem}
.check{display:flex;align-items:flex-start;font-weight:400}
.error-message{display:block;color:var(--err);font-weight:700}
.field-error input,.field-error select,.field-error textarea{border-color:var(--err)}
.field-error{border-left:4px solid var(--err);padding-left:.75rem}
.error-summary{border:4px solid var(--err);padding:1rem;margin:1rem 0}
.card>:first-child,.error-summary>:first-child{margin-top:0}
button,.button{display:inline-block;font:inherit;font-weight:700;margin-top:1.25rem;padding:.6rem 1.2rem;border:0;border-radius:.25rem;background:var(--accent);color:var(--accent-fg);cursor:pointer;text-decoration:none}
.hp{position:absolute;left:-9999px;width:1px;height:1px;overflow:hidden}
footer{border-top:1px solid var(--line);margin-top:3rem;padding:1rem 0 2rem;color:var(--muted);font-size:.875rem}
footer a{margin-right:1rem}
@media print{:root{--fg:#000;--muted:#333;--bg:#fff;--line:#999;--accent:#000}header.site,footer,form,.card,.totals,nav{display:none!important}.text p{orphans:3;widows:3}}
`.replace(/\n/g, '');

// Data tables (stats and signatories pages only, not inlined on every page).
export const TABLE_CSS =
  'table.data{border-collapse:collapse;font-size:.9rem;margin:1rem 0}table.data td,table.data th{padding:.2rem .75rem .2rem 0;text-align:left;vertical-align:top}' +
  'table.data td.n{text-align:right;font-variant-numeric:tabular-nums}table.signers{width:100%}table.signers tbody tr{border-top:1px solid var(--line)}';
