import { readJpegFrame, sniffType } from '../server/modules/files/file-type';
import { checkCardPhoto, PHOTO_SPEC } from '../server/modules/files/photo-spec';
import { demoPhoto } from '../server/seed/demo-photo';
import { compliantPhoto, makeJpeg } from './helpers/factories';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const SOI = [0xff, 0xd8];
const EOI = [0xff, 0xd9];

/** A segment with a two-byte length that counts itself: FF <marker> <len hi> <len lo> <body…>. */
function segment(marker: number, body: number[]): number[] {
  const length = body.length + 2;
  return [0xff, marker, length >> 8, length & 0xff, ...body];
}

/** The body of a frame header: precision, height, width, component count and component specs. */
function sofBody(width: number, height: number, components = 3): number[] {
  const specs: number[] = [];
  for (let c = 0; c < components; c++) specs.push(c + 1, 0x11, 0);
  return [8, height >> 8, height & 0xff, width >> 8, width & 0xff, components, ...specs];
}

const app0 = segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);

describe('sniffType', () => {
  it('recognises a JPEG by FF D8 FF', () => {
    expect(sniffType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]))).toBe('image/jpeg');
    expect(sniffType(makeJpeg({ width: 10, height: 10, size: 200 }))).toBe('image/jpeg');
  });

  it('recognises a PNG by its eight-byte signature', () => {
    expect(sniffType(Buffer.concat([PNG_SIGNATURE, Buffer.from('\0\0\0\rIHDR')]))).toBe('image/png');
  });

  it('recognises a PDF by %PDF-', () => {
    expect(sniffType(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n', 'latin1'))).toBe('application/pdf');
  });

  it('knows nothing else, and judges by the bytes alone', () => {
    expect(sniffType(Buffer.from('just some text, named photo.jpg'))).toBeUndefined();
    expect(sniffType(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00]))).toBeUndefined(); // zip
    expect(sniffType(Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'))).toBeUndefined();
  });

  it('needs the whole signature', () => {
    expect(sniffType(Buffer.alloc(0))).toBeUndefined();
    expect(sniffType(Buffer.from([0xff, 0xd8]))).toBeUndefined();
    expect(sniffType(Buffer.from([0xff, 0xd8, 0x00, 0xe0]))).toBeUndefined();
    expect(sniffType(PNG_SIGNATURE.subarray(0, 7))).toBeUndefined();
    expect(sniffType(Buffer.concat([PNG_SIGNATURE.subarray(0, 7), Buffer.from([0x00, 0x00])]))).toBeUndefined();
    expect(sniffType(Buffer.from('%PDF'))).toBeUndefined();
    expect(sniffType(Buffer.from('%PDF 1.7'))).toBeUndefined();
  });

  it('looks only at the start of the bytes', () => {
    expect(sniffType(Buffer.concat([Buffer.from('x'), PNG_SIGNATURE]))).toBeUndefined();
    expect(sniffType(Buffer.from(' %PDF-1.7'))).toBeUndefined();
  });
});

describe('readJpegFrame', () => {
  it('reads width, height and components from a baseline frame', () => {
    expect(readJpegFrame(makeJpeg({ width: 352, height: 440, size: 30 * 1024 }))).toEqual({
      width: 352,
      height: 440,
      components: 3,
    });
  });

  it('reads a progressive frame', () => {
    expect(readJpegFrame(makeJpeg({ width: 640, height: 480, size: 2000, progressive: true }))).toEqual({
      width: 640,
      height: 480,
      components: 3,
    });
  });

  it('reports a grayscale frame as one component', () => {
    expect(readJpegFrame(makeJpeg({ width: 352, height: 440, size: 5000, components: 1 }))).toEqual({
      width: 352,
      height: 440,
      components: 1,
    });
  });

  it('distinguishes width from height', () => {
    // 500 bytes cannot hold the image data of 440 x 352 px: the frame header alone is enough here.
    expect(readJpegFrame(makeJpeg({ width: 440, height: 352, size: 500, scan: false }))).toEqual({
      width: 440,
      height: 352,
      components: 3,
    });
  });

  it('walks past segments longer than 255 bytes (two-byte lengths)', () => {
    const bytes = Buffer.from([
      ...SOI,
      ...segment(0xfe, new Array(300).fill(0x20)),
      ...segment(0xc0, sofBody(352, 440)),
      ...EOI,
    ]);
    expect(readJpegFrame(bytes)).toEqual({ width: 352, height: 440, components: 3 });
  });

  it('skips fill bytes (extra 0xFF) before a marker', () => {
    const sof = segment(0xc0, sofBody(352, 440));
    const bytes = Buffer.from([...SOI, ...app0, 0xff, 0xff, 0xff, ...sof, ...EOI]);
    expect(readJpegFrame(bytes)).toEqual({ width: 352, height: 440, components: 3 });
  });

  it('skips a fill byte right after the start of image', () => {
    const bytes = Buffer.from([...SOI, 0xff, ...segment(0xc2, sofBody(100, 200)), ...EOI]);
    expect(readJpegFrame(bytes)).toEqual({ width: 100, height: 200, components: 3 });
  });

  it('skips markers that carry no length (TEM, RST0–RST7)', () => {
    const bytes = Buffer.from([
      ...SOI,
      0xff,
      0x01,
      0xff,
      0xd0,
      0xff,
      0xd7,
      ...segment(0xc0, sofBody(352, 440)),
      ...EOI,
    ]);
    expect(readJpegFrame(bytes)).toEqual({ width: 352, height: 440, components: 3 });
  });

  it('does not take Huffman (C4), arithmetic (CC) or JPG (C8) tables for a frame', () => {
    // Each table body, if misread as a frame header, would give 0x0101 x 0x0101.
    const table = [0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01];
    const bytes = Buffer.from([
      ...SOI,
      ...segment(0xc4, table),
      ...segment(0xc8, table),
      ...segment(0xcc, table),
      ...segment(0xc0, sofBody(352, 440)),
      ...EOI,
    ]);
    expect(readJpegFrame(bytes)).toEqual({ width: 352, height: 440, components: 3 });
  });

  it('accepts other frame kinds (extended, lossless, arithmetic)', () => {
    for (const marker of [0xc1, 0xc3, 0xc9, 0xcf]) {
      const bytes = Buffer.from([...SOI, ...segment(marker, sofBody(352, 440)), ...EOI]);
      expect(readJpegFrame(bytes)).toEqual({ width: 352, height: 440, components: 3 });
    }
  });

  it('gives up when the scan starts before any frame', () => {
    const sos = segment(0xda, [0x03, 0x01, 0x00, 0x02, 0x11, 0x03, 0x11, 0x00, 0x3f, 0x00]);
    const bytes = Buffer.from([...SOI, ...app0, ...sos, ...segment(0xc0, sofBody(352, 440)), ...EOI]);
    expect(readJpegFrame(bytes)).toBeUndefined();
  });

  it('gives up when the image ends before any frame', () => {
    // Were the end marker read as a segment, 00 02 would be its length and the frame would follow.
    const bytes = Buffer.from([...SOI, ...app0, ...EOI, 0x00, 0x02, ...segment(0xc0, sofBody(352, 440))]);
    expect(readJpegFrame(bytes)).toBeUndefined();
  });

  it('gives up on a segment length that runs past the end', () => {
    // A frame header claiming 64 bytes when only its first 15 are there.
    const bytes = Buffer.from([...SOI, 0xff, 0xc0, 0x00, 0x40, ...sofBody(352, 440)]);
    expect(readJpegFrame(bytes)).toBeUndefined();
    expect(readJpegFrame(Buffer.from([...SOI, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]))).toBeUndefined();
  });

  it('gives up when the bytes stop inside a length', () => {
    expect(readJpegFrame(Buffer.from([...SOI, 0xff, 0xe0, 0x00]))).toBeUndefined();
    expect(readJpegFrame(Buffer.from([...SOI, 0xff, 0xe0]))).toBeUndefined();
  });

  it('gives up on a frame header cut short', () => {
    const whole = Buffer.from([...SOI, ...app0, ...segment(0xc0, sofBody(352, 440))]);
    expect(readJpegFrame(whole)).toEqual({ width: 352, height: 440, components: 3 });
    expect(readJpegFrame(whole.subarray(0, whole.length - 1))).toBeUndefined();
    expect(readJpegFrame(whole.subarray(0, whole.length - 8))).toBeUndefined();
  });

  it('gives up on a length below 2, or a frame header shorter than 8 bytes', () => {
    expect(
      readJpegFrame(Buffer.from([...SOI, 0xff, 0xe0, 0x00, 0x01, ...segment(0xc0, sofBody(352, 440))])),
    ).toBeUndefined();
    expect(
      readJpegFrame(Buffer.from([...SOI, 0xff, 0xe0, 0x00, 0x00, ...segment(0xc0, sofBody(352, 440))])),
    ).toBeUndefined();
    // SOF0 whose declared length is 7: too short to hold height, width and components.
    expect(
      readJpegFrame(Buffer.from([...SOI, 0xff, 0xc0, 0x00, 0x07, 8, 0x01, 0xb8, 0x01, 0x60, 0, 0, ...EOI])),
    ).toBeUndefined();
  });

  it('gives up when a segment does not start with 0xFF', () => {
    const bytes = Buffer.from([...SOI, ...app0, 0x00, ...segment(0xc0, sofBody(352, 440)), ...EOI]);
    expect(readJpegFrame(bytes)).toBeUndefined();
  });

  it('gives up on the bare JPEG start (FF D8 FF E0 …) and on non-JPEG bytes', () => {
    expect(
      readJpegFrame(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00])),
    ).toBeUndefined();
    expect(readJpegFrame(Buffer.from([0xff, 0xd8, 0xff]))).toBeUndefined();
    expect(readJpegFrame(Buffer.alloc(0))).toBeUndefined();
    expect(
      readJpegFrame(Buffer.concat([PNG_SIGNATURE, Buffer.from(segment(0xc0, sofBody(352, 440)))])),
    ).toBeUndefined();
  });

  it('stops at the first frame', () => {
    const bytes = Buffer.from([...SOI, ...segment(0xc0, sofBody(352, 440)), ...segment(0xc0, sofBody(1, 1)), ...EOI]);
    expect(readJpegFrame(bytes)).toEqual({ width: 352, height: 440, components: 3 });
  });
});

describe('checkCardPhoto', () => {
  const photo = (size: number, extra: { width?: number; height?: number; components?: number } = {}) =>
    makeJpeg({ width: extra.width ?? 352, height: extra.height ?? 440, size, components: extra.components });
  const rules = (bytes: Buffer) => checkCardPhoto(bytes).map((p) => p.rule);

  it('states the national specification', () => {
    expect(PHOTO_SPEC).toEqual({ width: 352, height: 440, minBytes: 20 * 1024, maxBytes: 50 * 1024 });
  });

  it('accepts a colour JPEG of 352 x 440 px at exactly 20 KB and exactly 50 KB', () => {
    expect(photo(20 * 1024)).toHaveLength(20 * 1024);
    expect(checkCardPhoto(photo(20 * 1024))).toEqual([]);
    expect(photo(50 * 1024)).toHaveLength(50 * 1024);
    expect(checkCardPhoto(photo(50 * 1024))).toEqual([]);
  });

  it('rejects one byte under 20 KB', () => {
    const bytes = photo(20 * 1024 - 1);
    expect(bytes).toHaveLength(20 * 1024 - 1);
    expect(checkCardPhoto(bytes)).toEqual([
      expect.objectContaining({ rule: 'size', expected: `${20 * 1024}-${50 * 1024}`, actual: 20 * 1024 - 1 }),
    ]);
  });

  it('rejects one byte over 50 KB', () => {
    const bytes = photo(50 * 1024 + 1);
    expect(bytes).toHaveLength(50 * 1024 + 1);
    expect(checkCardPhoto(bytes)).toEqual([expect.objectContaining({ rule: 'size', actual: 50 * 1024 + 1 })]);
  });

  it('rejects other dimensions, naming what they are', () => {
    expect(checkCardPhoto(photo(30 * 1024, { width: 400, height: 500 }))).toEqual([
      expect.objectContaining({ rule: 'dimensions', expected: '352x440', actual: '400x500' }),
    ]);
    expect(rules(photo(30 * 1024, { width: 440, height: 352 }))).toEqual(['dimensions']);
    expect(rules(photo(30 * 1024, { width: 352, height: 441 }))).toEqual(['dimensions']);
    expect(rules(photo(30 * 1024, { width: 351, height: 440 }))).toEqual(['dimensions']);
  });

  it('rejects a grayscale photo', () => {
    expect(checkCardPhoto(photo(30 * 1024, { components: 1 }))).toEqual([
      expect.objectContaining({ rule: 'color', expected: 3, actual: 1 }),
    ]);
  });

  it('lists every problem at once', () => {
    expect(rules(photo(10 * 1024, { width: 400, height: 500, components: 1 }))).toEqual([
      'dimensions',
      'color',
      'size',
    ]);
  });

  it('rejects a PNG, naming its type', () => {
    const png = Buffer.concat([PNG_SIGNATURE, Buffer.alloc(30 * 1024)]);
    expect(checkCardPhoto(png)).toEqual([
      expect.objectContaining({ rule: 'format', expected: 'JPEG', actual: 'image/png' }),
    ]);
  });

  it('rejects bytes of no known type', () => {
    expect(checkCardPhoto(Buffer.alloc(30 * 1024, 0x41))).toEqual([
      expect.objectContaining({ rule: 'format', actual: 'unknown' }),
    ]);
  });

  it('rejects a JPEG whose frame cannot be read', () => {
    const truncated = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);
    expect(checkCardPhoto(truncated)).toEqual([
      expect.objectContaining({ rule: 'format', actual: 'corrupt' }),
      expect.objectContaining({ rule: 'size', actual: truncated.length }),
    ]);
  });

  it('gives every problem a message for the holder', () => {
    for (const p of checkCardPhoto(photo(10 * 1024, { width: 400, height: 500, components: 1 }))) {
      expect(p.message).toMatch(/照片/);
    }
  });
  describe('decoding the image', () => {
    /** Where the entropy-coded image data of a JPEG starts (after the start-of-scan header) and ends (before EOI). */
    const scanOf = (bytes: Buffer) => {
      const sos = bytes.indexOf(Buffer.from([0xff, 0xda]));
      expect(sos).toBeGreaterThan(0);
      return { start: sos + 2 + bytes.readUInt16BE(sos + 2), end: bytes.length - 2 };
    };
    /** Deterministic bytes that are never 0xFF, so they read as image data and not as markers. */
    const garbage = (n: number, seed = 7) => {
      const out = Buffer.alloc(n);
      let x = seed;
      for (let i = 0; i < n; i++) {
        x = (x * 1103515245 + 12345) >>> 0;
        out[i] = (x >>> 16) % 255;
      }
      return out;
    };
    const decodeProblem = expect.objectContaining({
      rule: 'decode',
      actual: 'undecodable',
      message: expect.stringMatching(/无法解码/),
    });

    it('accepts the demo photo and the test photo, decoded whole', () => {
      expect(checkCardPhoto(demoPhoto())).toEqual([]);
      expect(checkCardPhoto(compliantPhoto())).toEqual([]);
    });

    it('refuses a truncated JPEG whose header is fine', () => {
      for (const photo of [compliantPhoto(), demoPhoto()]) {
        const { start, end } = scanOf(photo);
        const cut = photo.subarray(0, start + Math.floor((end - start) / 2));
        expect(readJpegFrame(cut)).toEqual({ width: 352, height: 440, components: 3 });
        // Padded back to a compliant size: only the decoding can tell.
        const padded = Buffer.concat([cut, Buffer.alloc(Math.max(0, 20 * 1024 - cut.length))]);
        expect(checkCardPhoto(padded)).toEqual([decodeProblem]);
        // Cut short and closed with an end-of-image marker, as a broken upload might be.
        expect(checkCardPhoto(Buffer.concat([padded, Buffer.from([0xff, 0xd9])]))).toEqual([decodeProblem]);
      }
    });

    it('refuses a JPEG whose header is fine but whose image data is garbage', () => {
      for (const photo of [compliantPhoto(), demoPhoto()]) {
        const { start, end } = scanOf(photo);
        const bad = Buffer.concat([photo.subarray(0, start), garbage(end - start), photo.subarray(end)]);
        expect(bad).toHaveLength(photo.length);
        expect(readJpegFrame(bad)).toEqual({ width: 352, height: 440, components: 3 });
        expect(checkCardPhoto(bad)).toEqual([decodeProblem]);
      }
    });

    it('refuses a frame header with no image data behind it', () => {
      expect(checkCardPhoto(makeJpeg({ width: 352, height: 440, size: 30 * 1024, scan: false }))).toEqual([
        decodeProblem,
      ]);
    });

    it('refuses a header that claims more image than the data holds', () => {
      // Image data for 352 x 220 px under a frame header that says 352 x 440.
      const half = makeJpeg({ width: 352, height: 220, size: 30 * 1024 });
      const sof = half.indexOf(Buffer.from([0xff, 0xc0]));
      half.writeUInt16BE(440, sof + 5);
      expect(readJpegFrame(half)).toEqual({ width: 352, height: 440, components: 3 });
      expect(checkCardPhoto(half)).toEqual([decodeProblem]);
    });

    it('judges colour on the decoded pixels: a grey picture saved as a colour JPEG is refused', () => {
      const grey = makeJpeg({ width: 352, height: 440, size: 30 * 1024, rgb: [128, 128, 128] });
      expect(readJpegFrame(grey)?.components).toBe(3);
      expect(checkCardPhoto(grey)).toEqual([
        expect.objectContaining({ rule: 'color', expected: 'colour', actual: 'grayscale' }),
      ]);
      expect(checkCardPhoto(makeJpeg({ width: 352, height: 440, size: 30 * 1024, rgb: [200, 60, 50] }))).toEqual([]);
    });
  });
});
