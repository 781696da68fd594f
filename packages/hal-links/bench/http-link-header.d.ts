// http-link-header ships no types; the part of its API the bench uses.
declare module 'http-link-header' {
  interface Reference {
    uri: string;
    rel: string;
    [attribute: string]: string;
  }
  export default class LinkHeader {
    static parse(value: string): LinkHeader;
    refs: Reference[];
    set(reference: Reference): LinkHeader;
    toString(): string;
  }
}
