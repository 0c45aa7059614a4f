import { describe, expect, it } from 'vitest';
import { agents } from '../agents/index.ts';
import { loadPrompt } from './index.ts';

describe('prompts', () => {
  it('has a static prompt for the supervisor and every agent, with no interpolation', () => {
    for (const name of ['supervisor', ...agents.map((agent) => agent.prompt)]) {
      const text = loadPrompt(name);
      expect(text.length, name).toBeGreaterThan(200);
      expect(text, name).not.toContain('${');
    }
  });

  it('refuses names that are not one lowercase word', () => {
    expect(() => loadPrompt('../secrets')).toThrow(/lowercase/);
  });
});
