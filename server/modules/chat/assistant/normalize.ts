/**
 * Puts a holder's message into one canonical spelling before anything reads it, so that the
 * dictionary, the rules and the knowledge base only have to know one way of writing each word.
 */

/**
 * Misspellings seen in messages typed with pinyin or handwriting input, and the traditional forms of
 * the domain's key words; each is replaced by the spelling the dictionary knows. Longest first, so a
 * longer misspelling is fixed before a shorter one inside it.
 */
const TYPOS: ReadonlyArray<readonly [string, string]> = (
  [
    ['優待證', '优待证'],
    ['优代证', '优待证'],
    ['优侍证', '优待证'],
    ['优特证', '优待证'],
    ['优待正', '优待证'],
    ['优待症', '优待证'],
    ['优带证', '优待证'],
    ['忧待证', '优待证'],
    ['尤待证', '优待证'],
    ['优呆证', '优待证'],
    ['有待证', '优待证'],
    ['退役軍人', '退役军人'],
    ['二唯码', '二维码'],
    ['二为码', '二维码'],
    ['二位码', '二维码'],
    ['心里疏导', '心理疏导'],
    ['心里咨询', '心理咨询'],
    ['法律援主', '法律援助'],
    ['人民条解', '人民调解'],
    ['律诗', '律师'],
    ['挂矢', '挂失'],
    ['补令', '补领'],
    ['换令', '换领'],
    ['拥军优代', '拥军优待'],
  ] as [string, string][]
).sort((a, b) => b[0].length - a[0].length);

/** Long digit runs (ID, phone and card numbers) are never kept or shown in what we store. */
const LONG_NUMBER = /\d{6,}[0-9x]?/gi;

/** Full-width ASCII (U+FF01–U+FF5E) to its half-width form, and the ideographic space to a space. */
function toHalfWidth(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCodePoint(code - 0xfee0);
    else if (code === 0x3000) out += ' ';
    else out += ch;
  }
  return out;
}

/** Replaces the known misspellings with the dictionary's spelling. */
export function fixTypos(text: string): string {
  let out = text;
  for (const [wrong, right] of TYPOS) if (out.includes(wrong)) out = out.split(wrong).join(right);
  return out;
}

/**
 * The canonical form every reader works on: half-width, Latin in lower case, whitespace collapsed
 * and trimmed, known misspellings fixed.
 */
export function normalize(text: string): string {
  const half = toHalfWidth(text.normalize('NFC')).toLowerCase();
  return fixTypos(half.replace(/\s+/g, ' ').trim());
}

/** Punctuation, symbols and emoji: they separate words but never carry meaning here. */
const NOISE = /[\p{P}\p{S}\s]+/gu;

/** Openings and endings that do not change what is asked (请问…吗？ and the bare question). */
const OPENINGS = /^(请问一下|请问|麻烦问一下|问一下|你好|您好|同志|老师)+/;
const ENDINGS = /(啊|呀|呢|吧|吗|嘛|啦|哦|哈)+$/;

/**
 * The key under which repeated questions are counted: the normalised text without punctuation,
 * polite openings or trailing particles, long numbers masked.
 */
export function questionKey(text: string): string {
  const bare = normalize(text).replace(LONG_NUMBER, '#').replace(NOISE, '');
  return bare.replace(OPENINGS, '').replace(ENDINGS, '') || bare;
}

/** The normalised text with long numbers masked: what may be stored and shown to staff. */
export function maskedText(text: string): string {
  return normalize(text).replace(LONG_NUMBER, '#');
}
