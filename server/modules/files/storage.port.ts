/**
 * Where private file bytes live. Local directory by default; object storage in production.
 * Keys are opaque and server-made; nothing here produces a public URL.
 */
export interface FileStorage {
  put(key: string, bytes: Buffer): Promise<void>;
  read(key: string): Promise<Buffer>;
  remove(key: string): Promise<void>;
}
