import jpeg from 'jpeg-js';
import type { ErrorDetail } from '../../lib/errors';
import { readJpegFrame, sniffType } from './file-type';

/** The national 优待证 photo: JPEG, 352 x 440 px, 20–50 KB, in colour. */
export const PHOTO_SPEC = { width: 352, height: 440, minBytes: 20 * 1024, maxBytes: 50 * 1024 } as const;

const kb = (n: number) => `${Math.round((n / 1024) * 10) / 10} KB`;

/**
 * Bounds for decoding: the photo is 0.15 megapixels; nothing that claims more is decoded, and the
 * decoder may not take more memory than a photo of that size needs.
 */
const DECODE_LIMITS = { maxResolutionInMP: 1, maxMemoryUsageInMB: 32 } as const;

/**
 * A pixel counts as coloured when its channels differ by at least this much. A black-and-white
 * photo saved as a colour JPEG stays within a few levels of grey.
 */
const COLOUR_SPREAD = 24;
/** Share of coloured pixels a colour photo has at least (a face alone is far more). */
const MIN_COLOUR_SHARE = 0.01;

/** Decodes a JPEG to RGB pixels; undefined when the image data is truncated, corrupt or over the limits. */
function decodeRgb(bytes: Buffer): { width: number; height: number; data: Uint8Array } | undefined {
  try {
    return jpeg.decode(bytes, { useTArray: true, formatAsRGBA: false, tolerantDecoding: false, ...DECODE_LIMITS });
  } catch {
    return undefined;
  }
}

/** Whether enough pixels carry colour, rather than shades of grey. */
function hasColour(rgb: Uint8Array): boolean {
  const pixels = rgb.length / 3;
  const needed = Math.max(1, Math.ceil(pixels * MIN_COLOUR_SHARE));
  let coloured = 0;
  for (let i = 0; i < rgb.length; i += 3) {
    const r = rgb[i];
    const g = rgb[i + 1];
    const b = rgb[i + 2];
    if (Math.max(r, g, b) - Math.min(r, g, b) >= COLOUR_SPREAD && ++coloured >= needed) return true;
  }
  return false;
}

/**
 * Every way a photo misses the specification, in words a holder can act on; empty when it complies.
 * The cheap checks come first (type, frame header, size). A photo that passes them is decoded
 * whole, so a file that is truncated, corrupt or not what its header claims is refused, and its
 * colour is judged on the decoded pixels. Decoding only what passes the header checks keeps the
 * work bounded: at most 50 KB of data for a 352 x 440 image.
 */
export function checkCardPhoto(bytes: Buffer): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (sniffType(bytes) !== 'image/jpeg') {
    problems.push({
      rule: 'format',
      expected: 'JPEG',
      actual: sniffType(bytes) ?? 'unknown',
      message: '照片须为 JPG 格式',
    });
  } else {
    const frame = readJpegFrame(bytes);
    if (!frame) {
      problems.push({ rule: 'format', expected: 'JPEG', actual: 'corrupt', message: '照片文件已损坏，无法读取尺寸' });
    } else {
      if (frame.width !== PHOTO_SPEC.width || frame.height !== PHOTO_SPEC.height) {
        problems.push({
          rule: 'dimensions',
          expected: `${PHOTO_SPEC.width}x${PHOTO_SPEC.height}`,
          actual: `${frame.width}x${frame.height}`,
          message: `照片尺寸须为 ${PHOTO_SPEC.width} x ${PHOTO_SPEC.height} 像素（宽 x 高），当前为 ${frame.width} x ${frame.height}`,
        });
      }
      if (frame.components !== 3) {
        problems.push({ rule: 'color', expected: 3, actual: frame.components, message: '照片须为彩色照片' });
      }
    }
  }
  if (bytes.length < PHOTO_SPEC.minBytes || bytes.length > PHOTO_SPEC.maxBytes) {
    problems.push({
      rule: 'size',
      expected: `${PHOTO_SPEC.minBytes}-${PHOTO_SPEC.maxBytes}`,
      actual: bytes.length,
      message: `照片大小须在 20 KB 到 50 KB 之间，当前为 ${kb(bytes.length)}`,
    });
  }
  if (problems.length > 0) return problems;

  const image = decodeRgb(bytes);
  if (!image) {
    return [
      {
        rule: 'decode',
        expected: 'decodable JPEG',
        actual: 'undecodable',
        message: '照片无法解码，文件可能不完整或已损坏，请重新拍摄或导出后上传',
      },
    ];
  }
  if (!hasColour(image.data)) {
    return [{ rule: 'color', expected: 'colour', actual: 'grayscale', message: '照片须为彩色照片，当前为黑白照片' }];
  }
  return problems;
}
