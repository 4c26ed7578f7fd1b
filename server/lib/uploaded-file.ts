/** A file as a request delivered it, read into memory; the files service judges its content. */
export interface UploadedFile {
  field: string;
  filename: string;
  declaredMime: string;
  bytes: Buffer;
}
