import { describe, expect, it } from 'vitest';
import { hnswBuildMemoryMb } from './chunks.ts';

describe('hnswBuildMemoryMb', () => {
  it('gives the HNSW build room for its whole graph, between 64 MB and 1 GB', () => {
    // 2,400 bytes a chunk: scale 1's 35,790 chunks need 82 MB, scale 3's 107k 245 MB
    expect(hnswBuildMemoryMb(35_790)).toBe(82);
    expect(hnswBuildMemoryMb(107_000)).toBe(245);
    // a small store keeps the server's default; a huge one is capped, pgvector then finishes on disk
    expect(hnswBuildMemoryMb(0)).toBe(64);
    expect(hnswBuildMemoryMb(1_000)).toBe(64);
    expect(hnswBuildMemoryMb(10_000_000)).toBe(1024);
  });
});
