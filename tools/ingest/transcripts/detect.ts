import { stripBom, toLines } from './lines.ts';
import type { TranscriptFormat } from './types.ts';
import { looksLikeZoom } from './zoom.ts';

// Which parser a file needs: its extension when it names a caption format, else what its content looks like.

const BY_EXTENSION: Record<string, TranscriptFormat> = { vtt: 'vtt', webvtt: 'vtt', srt: 'srt', sbv: 'sbv', sub: 'sbv', json: 'json' };

export function detectFormat(content: string, fileName?: string): TranscriptFormat {
  const ext = fileName ? /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() : undefined;
  if (ext && BY_EXTENSION[ext]) return BY_EXTENSION[ext];
  const text = stripBom(content).trimStart();
  if (/^WEBVTT(?:[ \t\r\n]|$)/.test(text)) return 'vtt';
  if (/^[[{]\s*["{[]/.test(text) || text === '[]' || text === '{}') return 'json';
  const lines = toLines(text).slice(0, 200);
  const timing = lines.find((l) => l.includes('-->'));
  if (timing) return /\d,\d{1,3}\s*-->/.test(timing) ? 'srt' : 'vtt';
  if (lines.some((l) => /^\d+:\d{2}:\d{2}\.\d{1,3},\d+:\d{2}:\d{2}\.\d{1,3}$/.test(l.trim()))) return 'sbv';
  if (looksLikeZoom(lines)) return 'zoom';
  return 'plain';
}
