// Server-Sent Events over a fetch() body (EventSource cannot POST): feed decoded text chunks in, get whole
// events out. An event ends at a blank line; `data:` lines join with newlines; comments (":") are skipped.

export function createSseParser(onEvent) {
  let buffer = '';
  const dispatch = (block) => {
    let type = 'message';
    const data = [];
    for (const line of block.split('\n')) {
      if (line === '' || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') type = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length > 0) onEvent(type, data.join('\n'));
  };
  return {
    push(chunk) {
      buffer += chunk.replace(/\r\n?/g, '\n');
      let end;
      while ((end = buffer.indexOf('\n\n')) !== -1) {
        dispatch(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
      }
    },
    end() {
      if (buffer.trim() !== '') dispatch(buffer);
      buffer = '';
    },
  };
}
