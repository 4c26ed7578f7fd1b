import Busboy from 'busboy';
import type { AppContext } from './context';
import { payloadTooLarge, validationFailed } from './errors';
import type { MultipartSpec, UploadedFile } from './route';

/**
 * Reads a multipart/form-data request with one file and some text fields into memory, stopping
 * as soon as the file passes `maxBytes` (413) so an oversized upload is never held whole.
 */
export function readMultipart(
  ctx: AppContext,
  spec: MultipartSpec,
): Promise<{ fields: Record<string, string>; file?: UploadedFile }> {
  const type = ctx.get('content-type');
  if (!type.toLowerCase().startsWith('multipart/form-data')) {
    return Promise.reject(validationFailed(spec.fileField, '请以 multipart/form-data 方式上传文件'));
  }
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      ctx.req.unpipe();
      ctx.req.resume();
      reject(err);
    };
    let busboy: Busboy.Busboy;
    try {
      busboy = Busboy({
        headers: ctx.req.headers,
        // Busboy reports the limit when a file reaches fileSize; a file of exactly maxBytes is allowed.
        limits: { files: 1, fields: 20, fieldSize: 4096, fileSize: spec.maxBytes + 1, parts: 30 },
      });
    } catch {
      reject(validationFailed(spec.fileField, '无法解析上传内容'));
      return;
    }
    const fields: Record<string, string> = {};
    let file: UploadedFile | undefined;
    busboy.on('field', (name, value) => {
      fields[name] = value;
    });
    busboy.on('file', (name, stream, info) => {
      if (name !== spec.fileField) {
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => fail(payloadTooLarge(`文件不能超过 ${Math.floor(spec.maxBytes / 1024 / 1024)} MB`)));
      stream.on('end', () => {
        file = { field: name, filename: info.filename ?? '', declaredMime: info.mimeType, bytes: Buffer.concat(chunks) };
      });
    });
    busboy.on('filesLimit', () => fail(validationFailed(spec.fileField, '一次只能上传一个文件')));
    busboy.on('error', () => fail(validationFailed(spec.fileField, '无法解析上传内容')));
    busboy.on('close', () => {
      if (settled) return;
      settled = true;
      resolve({ fields, file });
    });
    ctx.req.pipe(busboy);
  });
}
