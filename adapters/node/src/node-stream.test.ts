import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { nodeToWebStream } from './node-stream.js';

const text = (stream: ReadableStream<Uint8Array>): Promise<string> => new Response(stream).text();

describe('nodeToWebStream', () => {
  it('reads nothing until the consumer pulls, then hands every chunk over', async () => {
    const source = new PassThrough();
    const seen: string[] = [];
    const stream = nodeToWebStream(
      source,
      () => (chunk) => seen.push(Buffer.from(chunk).toString()),
    );
    source.write('a');
    source.end('b');
    expect(source.readableFlowing).not.toBe(true);
    expect(await text(stream)).toBe('ab');
    expect(seen).toEqual(['a', 'b']);
  });

  it.each<[string, Uint8Array | null, string]>([
    ['bytes in hand', new TextEncoder().encode('kept'), 'kept'],
    ['no body', null, ''],
    ['empty bytes', new Uint8Array(0), ''],
  ])('takes %s from a source picked at the first read', async (_, picked, expected) => {
    let asked = 0;
    const stream = nodeToWebStream(() => {
      asked++;
      return picked;
    });
    expect(asked).toBe(0);
    expect(await text(stream)).toBe(expected);
    expect(asked).toBe(1);
  });

  it('turns string chunks into bytes', async () => {
    const source = new PassThrough({ encoding: 'utf8' });
    source.end('héllo');
    expect(await text(nodeToWebStream(source))).toBe('héllo');
  });

  it('refuses a source someone else already read to the end', async () => {
    const source = Readable.from(['x']);
    source.resume();
    await new Promise((resolve) => source.once('end', resolve));
    await expect(text(nodeToWebStream(source))).rejects.toThrow(/already read/);
  });

  it('errors when the source closes before it ended', async () => {
    const source = new PassThrough();
    const reader = nodeToWebStream(source).getReader();
    const read = reader.read();
    source.destroy();
    await expect(read).rejects.toThrow(/closed before it ended/);
  });

  it('keeps draining the source after the consumer cancels', async () => {
    const source = new PassThrough();
    const stream = nodeToWebStream(source);
    const reader = stream.getReader();
    source.write('first');
    await reader.read();
    await reader.cancel();
    source.end('rest');
    await new Promise((resolve) => source.once('end', resolve));
    expect(source.readableEnded).toBe(true);
  });
});
