// An embeddable badge, shields.io style: "<label> | <value>", text escaped for XML.
function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// Width of text in 11px sans-serif, estimated: CJK and full-width characters are
// about 11px wide, others about 6.5px.
export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 11 : 6.5;
  return Math.ceil(w);
}

export function badgeSvg(label: string, value: string): string {
  const lw = textWidth(label) + 12;
  const vw = textWidth(value) + 12;
  const w = lw + vw;
  const title = escapeXml(`${label}: ${value}`);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="20" role="img" aria-label="${title}"><title>${title}</title>` +
    `<clipPath id="r"><rect width="${w}" height="20" rx="3"/></clipPath><g clip-path="url(#r)"><rect width="${lw}" height="20" fill="#555"/>` +
    `<rect x="${lw}" width="${vw}" height="20" fill="#b4232a"/></g>` +
    `<g fill="#fff" text-anchor="middle" font-family="Verdana,'PingFang SC','Microsoft YaHei',sans-serif" font-size="11">` +
    `<text x="${lw / 2}" y="14">${escapeXml(label)}</text><text x="${lw + vw / 2}" y="14">${escapeXml(value)}</text></g></svg>`
  );
}
