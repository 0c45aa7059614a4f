import { ProtocolError, ProtocolErrorCode, type Server } from '@modelcontextprotocol/server';
import { loadPrompt } from '../../prompts/index.ts';

// Prompts an MCP client offers its user as ready-made requests. Their text is a static file in prompts/;
// an argument (the deal) goes in a message of its own, never into the prompt text.

export const PROMPTS = [
  { name: 'morning_briefing', title: 'Morning briefing', description: 'Follow-ups due, deals at risk, pipeline and the leads to work first today', file: 'morningbriefing', arguments: [] },
  {
    name: 'deal_review',
    title: 'Deal review',
    description: 'Status, odds, risks and next steps of one deal',
    file: 'dealreview',
    arguments: [{ name: 'deal', description: 'the deal to review: its name or id', required: true }],
  },
] as const;

export function registerPrompts(server: Server): void {
  server.setRequestHandler('prompts/list', async () => ({
    prompts: PROMPTS.map(({ name, title, description, arguments: args }) => ({ name, title, description, arguments: [...args] })),
  }));

  server.setRequestHandler('prompts/get', async (request) => {
    const prompt = PROMPTS.find((p) => p.name === request.params.name);
    if (!prompt) throw new ProtocolError(ProtocolErrorCode.InvalidParams, `No prompt named "${request.params.name}": one of ${PROMPTS.map((p) => p.name).join(', ')}`);
    const args = request.params.arguments ?? {};
    const missing = prompt.arguments.filter((arg) => arg.required && !args[arg.name]?.trim());
    if (missing.length > 0) throw new ProtocolError(ProtocolErrorCode.InvalidParams, `${prompt.name} needs the argument "${missing[0]!.name}": ${missing[0]!.description}`);
    const messages = [{ role: 'user' as const, content: { type: 'text' as const, text: loadPrompt(prompt.file) } }];
    for (const arg of prompt.arguments) messages.push({ role: 'user', content: { type: 'text', text: `${arg.name}: ${args[arg.name]!.trim()}` } });
    return { description: prompt.description, messages };
  });
}
