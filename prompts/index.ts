import { readFileSync } from 'node:fs';

// Prompts are static files beside this module, read once; nothing is interpolated into them
// (per-request context goes in a message of its own).

const cache = new Map<string, string>();

/** The text of prompts/<name>.md. */
export function loadPrompt(name: string): string {
  if (!/^[a-z]+(?:_[a-z]+)*$/.test(name)) throw new Error(`prompt name must be lowercase words joined by _: ${name}`);
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(new URL(`./${name}.md`, import.meta.url), 'utf8').trim();
    cache.set(name, text);
  }
  return text;
}
