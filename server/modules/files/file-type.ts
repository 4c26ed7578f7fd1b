/** File types judged from the first bytes, never from the name or the declared type. */
export type SniffedType = 'image/jpeg' | 'image/png' | 'application/pdf';

export function sniffType(bytes: Buffer): SniffedType | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return 'image/png';
  }
  if (bytes.length >= 5 && bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  return undefined;
}

export interface JpegFrame {
  width: number;
  height: number;
  components: number;
}

/** Start-of-frame markers (baseline, progressive, lossless…); C4, C8 and CC are other tables. */
const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/**
 * Reads the frame header of a JPEG by walking its marker segments up to the first SOF.
 * Returns undefined for a truncated or malformed stream.
 */
export function readJpegFrame(bytes: Buffer): JpegFrame | undefined {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
  let i = 2;
  while (i + 4 <= bytes.length) {
    if (bytes[i] !== 0xff) return undefined;
    let marker = bytes[i + 1];
    // Fill bytes: any number of 0xFF may precede a marker.
    while (marker === 0xff && i + 2 < bytes.length) {
      i += 1;
      marker = bytes[i + 1];
    }
    i += 2;
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue; // no length
    if (marker === 0xd9 || marker === 0xda) return undefined; // end of image or scan before any frame
    if (i + 2 > bytes.length) return undefined;
    const length = bytes.readUInt16BE(i);
    if (length < 2 || i + length > bytes.length) return undefined;
    if (SOF.has(marker)) {
      if (length < 8) return undefined;
      return { height: bytes.readUInt16BE(i + 3), width: bytes.readUInt16BE(i + 5), components: bytes[i + 7] };
    }
    i += length;
  }
  return undefined;
}
