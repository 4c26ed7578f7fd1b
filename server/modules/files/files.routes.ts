import { route } from '../../http/route';
import { presentFile } from './files.presenter';
import { fileIdParams, fileView, uploadFields } from './files.schemas';
import type { FilesService } from './files.service';

export const filesRoutes = (files: FilesService, maxUploadBytes: number) => [
  route({
    method: 'post',
    path: '/api/v1/files',
    tag: 'files',
    summary: 'Upload a private file; a card photo is checked against the 优待证 photo specification',
    access: 'authenticated',
    // A family member uploads the holder's photo or documents for the card application or an appeal.
    proxy: ['card', 'appeals'],
    multipart: { fileField: 'file', maxBytes: maxUploadBytes },
    body: uploadFields,
    responses: { 201: { description: 'Stored', schema: fileView } },
    errors: [
      'VALIDATION_FAILED',
      'PHOTO_SPEC',
      'UNSUPPORTED_FILE_TYPE',
      'PAYLOAD_TOO_LARGE',
      'UPLOAD_QUOTA_EXCEEDED',
      'RATE_LIMITED',
      'REQUEST_TIMEOUT',
    ],
    handler: async ({ principal, body, file }) => ({
      status: 201,
      body: presentFile(await files.upload(principal, body.purpose, file)),
    }),
  }),
  route({
    method: 'get',
    path: '/api/v1/files/:id',
    tag: 'files',
    summary: 'Read a private file (its owner and staff only)',
    access: 'authenticated',
    proxy: ['card', 'appeals'],
    params: fileIdParams,
    responses: { 200: { description: 'The file’s bytes', contentType: 'application/octet-stream' } },
    errors: ['NOT_FOUND'],
    handler: async ({ principal, params, ctx }) => {
      const { file, bytes } = await files.open(principal, params.id);
      ctx.set('Content-Type', file.mime);
      ctx.set('Content-Disposition', `inline; filename="file-${file.id}"`);
      ctx.set('Cache-Control', 'private, no-store');
      return { body: bytes };
    },
  }),
];
