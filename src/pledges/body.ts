// Pledge texts are stored as a small Markdown subset: blank-line separated blocks,
// "## " for a heading, anything else a paragraph. Rendering produces plain strings
// that the views escape, so a text can never inject markup.
export type Block = { kind: 'heading' | 'paragraph'; text: string };

export function parseBody(markdown: string): Block[] {
  return markdown
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter((block) => block.length > 0)
    .map((block) => (block.startsWith('## ') ? { kind: 'heading', text: block.slice(3).trim() } : { kind: 'paragraph', text: block.replace(/\s*\n\s*/g, ' ') }));
}
