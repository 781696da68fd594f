// Naming conventions shared by the route linter and the OpenAPI linter: one implementation of
// each case, so both linters judge a name the same way.

export const isAsciiLetter = (code: number): boolean =>
  (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
export const isDigit = (code: number): boolean => code >= 0x30 && code <= 0x39;
export const isLower = (code: number): boolean => code >= 0x61 && code <= 0x7a;
export const isUpper = (code: number): boolean => code >= 0x41 && code <= 0x5a;

/** The lower-case words of a name in any case: `blogPost_ID` → `['blog', 'post', 'id']`. */
export function words(text: string): string[] {
  const result: string[] = [];
  let word = '';
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    const char = text[index] as string;
    if (!isAsciiLetter(code) && !isDigit(code)) {
      if (word !== '') result.push(word);
      word = '';
    } else if (isUpper(code) && word !== '' && !isUpper(word.charCodeAt(word.length - 1))) {
      result.push(word);
      word = char;
    } else {
      word += char;
    }
  }
  if (word !== '') result.push(word);
  return result.map((part) => part.toLowerCase());
}

export const toKebabCase = (text: string): string => words(text).join('-');
export const toSnakeCase = (text: string): string => words(text).join('_');
export const toCamelCase = (text: string): string =>
  words(text)
    .map((word, index) => (index === 0 ? word : `${word.charAt(0).toUpperCase()}${word.slice(1)}`))
    .join('');

/** A lower-case letter, then letters and digits: `blogId`, `id2`. */
export function isCamelCase(name: string): boolean {
  if (name === '' || !isLower(name.charCodeAt(0))) return false;
  for (let index = 1; index < name.length; index++) {
    const code = name.charCodeAt(index);
    if (!isAsciiLetter(code) && !isDigit(code)) return false;
  }
  return true;
}

/** Lower-case words of letters and digits joined by single underscores: `page_size`, `q`. */
export function isSnakeCase(name: string): boolean {
  if (name === '' || !isLower(name.charCodeAt(0))) return false;
  let previous = 0;
  for (let index = 0; index < name.length; index++) {
    const code = name.charCodeAt(index);
    if (code === 0x5f) {
      if (previous === 0x5f) return false;
    } else if (!isLower(code) && !isDigit(code)) {
      return false;
    }
    previous = code;
  }
  return previous !== 0x5f;
}
