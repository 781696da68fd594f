// Test helper (not exported): calls a fetch handler in-process and reads the answer.
import type { FetchHandler } from '@fielding/core';

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: <T = Record<string, unknown>>() => T;
}

export type Call = (
  method: string,
  path: string,
  init?: { headers?: Record<string, string>; body?: string },
) => Promise<Answer>;

/** A client of `handler` at `http://api.test`. */
export function client(handler: FetchHandler): Call {
  return async (method, path, init = {}) => {
    const response = await handler(
      new Request(`http://api.test${path}`, {
        method,
        ...(init.headers !== undefined && { headers: init.headers }),
        ...(init.body !== undefined && { body: init.body }),
      }),
    );
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      text,
      json: <T>() => JSON.parse(text) as T,
    };
  };
}

export const JSON_BODY = { 'Content-Type': 'application/json' };
export const MERGE_BODY = { 'Content-Type': 'application/merge-patch+json' };
