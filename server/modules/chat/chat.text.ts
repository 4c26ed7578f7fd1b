import { ChatErrors } from './chat.errors';

/** Longest message a holder may send, in characters (code points: an emoji counts as one). */
export const MAX_TEXT_CHARS = 500;

/**
 * Control characters but the line break, and the invisible format characters that can reorder or
 * hide text (bidirectional overrides, zero-width spaces) on the console that staff read. The
 * zero-width joiner stays: emoji sequences need it.
 */
const FORBIDDEN = /[\p{Cc}\p{Cf}\p{Cs}]/u;
const ALLOWED_INVISIBLE = new Set(['\n', '\u200d']);
/** What shows nothing on its own: blanks (full-width ones too) and the joiner. */
const BLANK = /[\s\u200d]/gu;

/**
 * A holder's text as it will be stored: line breaks normalised, surrounding blanks trimmed.
 * Refuses (400) what is empty or only blanks, what is too long, and text with control characters
 * or broken UTF-16 (a lone surrogate would fail on MySQL's utf8mb4 and mean nothing to anyone).
 */
export function cleanHolderText(raw: string): string {
  const text = raw.replace(/\r\n?/g, '\n').trim();
  if (text.replace(BLANK, '').length === 0) throw ChatErrors.messageEmpty();
  // A lone surrogate is its own code point here and matches \p{Cs}; a proper pair does not.
  for (const ch of text) {
    if (FORBIDDEN.test(ch) && !ALLOWED_INVISIBLE.has(ch)) throw ChatErrors.messageCharacters();
  }
  if (Array.from(text).length > MAX_TEXT_CHARS) throw ChatErrors.messageTooLong(MAX_TEXT_CHARS);
  return text;
}
