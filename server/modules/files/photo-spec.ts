import type { ErrorDetail } from '../../http/errors';
import { readJpegFrame, sniffType } from './file-type';

/** The national 优待证 photo: JPEG, 352 x 440 px, 20–50 KB, in colour. */
export const PHOTO_SPEC = { width: 352, height: 440, minBytes: 20 * 1024, maxBytes: 50 * 1024 } as const;

const kb = (n: number) => `${Math.round((n / 1024) * 10) / 10} KB`;

/** Every way a photo misses the specification, in words a holder can act on; empty when it complies. */
export function checkCardPhoto(bytes: Buffer): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (sniffType(bytes) !== 'image/jpeg') {
    problems.push({ rule: 'format', expected: 'JPEG', actual: sniffType(bytes) ?? 'unknown', message: '照片须为 JPG 格式' });
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
  return problems;
}
