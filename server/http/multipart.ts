import Busboy from 'busboy';
import type { AppContext } from './context';
import { payloadTooLarge, requestTimeout, validationFailed } from '../lib/errors';
import type { MultipartSpec, UploadedFile } from './route';

export interface MultipartOptions {
  /** The whole body must arrive within this time, or the request ends with 408. */
  timeoutMs: number;
}

/**
 * Reads a multipart/form-data request with one file and some text fields into memory, stopping
 * as soon as the file passes `maxBytes` (413) so an oversized upload is never held whole.
 *
 * Every way a body can go wrong ends this request, never the process: a form cut short or with
 * broken part headers (400), a client that hangs up mid-body (400, nobody left to read it), a body
 * still trickling in at the deadline (408). After any of these the rest of the body is discarded
 * and the connection is closed once the answer is written, so a slow or endless body cannot keep
 * the socket.
 */
export function readMultipart(
  ctx: AppContext,
  spec: MultipartSpec,
  opts: MultipartOptions,
): Promise<{ fields: Record<string, string>; file?: UploadedFile }> {
  const type = ctx.get('content-type');
  if (!type.toLowerCase().startsWith('multipart/form-data')) {
    ctx.set('Connection', 'close');
    return Promise.reject(validationFailed(spec.fileField, '请以 multipart/form-data 方式上传文件'));
  }
  const req = ctx.req;
  return new Promise((resolve, reject) => {
    let settled = false;
    let busboy: Busboy.Busboy | undefined;
    const unreadable = () => validationFailed(spec.fileField, '无法解析上传内容');

    const detach = () => {
      clearTimeout(timer);
      req.off('error', onRequestError);
      req.off('close', onRequestClose);
    };
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      detach();
      if (busboy) req.unpipe(busboy);
      // Nothing more of this body is wanted: read and drop what is already on its way (so the
      // close is orderly rather than a reset that could swallow the answer), then close.
      ctx.set('Connection', 'close');
      req.resume();
      reject(err);
    };
    const onRequestError = () => fail(unreadable());
    // The client went away (or the socket was destroyed) before the body was complete.
    const onRequestClose = () => {
      if (!req.complete) fail(validationFailed(spec.fileField, '上传未完成，连接已断开'));
    };
    const timer = setTimeout(
      () => fail(requestTimeout(`上传超时：请在 ${Math.ceil(opts.timeoutMs / 1000)} 秒内完成上传，或检查网络后重试`)),
      opts.timeoutMs,
    );
    req.on('error', onRequestError);
    req.on('close', onRequestClose);

    try {
      busboy = Busboy({
        headers: req.headers,
        // Busboy reports the limit when a file reaches fileSize; a file of exactly maxBytes is allowed.
        limits: { files: 1, fields: 20, fieldSize: 4096, fileSize: spec.maxBytes + 1, parts: 30 },
      });
    } catch {
      // No boundary, or a content type busboy cannot read.
      fail(unreadable());
      return;
    }
    const fields: Record<string, string> = {};
    let file: UploadedFile | undefined;
    busboy.on('field', (name, value) => {
      fields[name] = value;
    });
    busboy.on('file', (name, stream, info) => {
      // A file stream reports a form that ends inside it as an 'error' of its own: without a
      // listener that error would end the process. Every stream gets one, wanted or not.
      stream.on('error', () => fail(unreadable()));
      if (name !== spec.fileField) {
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => fail(payloadTooLarge(`文件不能超过 ${Math.floor(spec.maxBytes / 1024 / 1024)} MB`)));
      stream.on('end', () => {
        file = {
          field: name,
          filename: info.filename ?? '',
          declaredMime: info.mimeType,
          bytes: Buffer.concat(chunks),
        };
      });
    });
    busboy.on('filesLimit', () => fail(validationFailed(spec.fileField, '一次只能上传一个文件')));
    busboy.on('error', () => fail(unreadable()));
    busboy.on('close', () => {
      if (settled) return;
      settled = true;
      detach();
      resolve({ fields, file });
    });
    req.pipe(busboy);
  });
}
