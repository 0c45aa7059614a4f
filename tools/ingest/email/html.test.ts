import { describe, expect, it } from 'vitest';
import { cleanBody } from './clean.ts';
import { htmlToText } from './html.ts';

describe('htmlToText', () => {
  it('keeps paragraphs and breaks, decodes entities, drops styles and tags', () => {
    const html = '<html><head><style>p{color:red}</style></head><body><p>Hi Dana,</p><p>40 seats at $30&nbsp;per user &amp; month.<br>Best,<br>Anna</p></body></html>';
    expect(htmlToText(html)).toBe('Hi Dana,\n\n40 seats at $30 per user & month.\nBest,\nAnna');
  });

  it('turns a blockquote into quoted lines, which cleanBody then removes', () => {
    const text = htmlToText('<div>Yes, Thursday works.</div><blockquote><div>Does Thursday work?</div></blockquote>');
    expect(text).toBe('Yes, Thursday works.\n\n> Does Thursday work?');
    expect(cleanBody(text).body).toBe('Yes, Thursday works.');
  });
});
