// Where the MCP surface lives on the HTTP server.
export const MCP_PATH = '/mcp';
/** the bridge (`npm run mcp` while `npm start` runs) parks writes for approval here, as the server's local user */
export const PROPOSALS_PATH = '/v1/mcp/proposals';
