import qrcode from 'qrcode-generator';

/** A data: URL of the QR code for an otpauth:// URL (CSP allows data: images, no script or canvas needed). */
export function qrDataUrl(text: string, cellSize = 5): string {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  return qr.createDataURL(cellSize, 4);
}

/** The secret in groups of four, easier to type into an authenticator app by hand. */
export const groupSecret = (secret: string): string => secret.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');

/** A code as typed: digits only, at most six. */
export const cleanCode = (s: string): string => s.replace(/\D/g, '').slice(0, 6);
