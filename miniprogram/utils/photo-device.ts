import { ensurePrivacy } from './privacy';
import {
  CARD_PHOTO,
  orientedSize,
  rescaleCrop,
  searchQuality,
  type Crop,
  type Encoded,
  type QualitySearch,
  type Size,
} from './photo';

/**
 * The phone's side of the card photo: picking a picture, measuring it, drawing the chosen part on a
 * 2d canvas at 352 x 440 and saving it as JPEG at the quality that gives 20–50 KB.
 */

export type Picked = { ok: true; path: string } | { ok: false; reason: 'cancelled' | 'declined' | 'failed' };

/**
 * Takes a photo with the camera or picks one from the album, the original file (a compressed one
 * may be too small to crop well). Asks for the privacy agreement first; a refusal is 'declined'.
 */
export async function pickPhoto(): Promise<Picked> {
  if (!(await ensurePrivacy('用于拍摄或选择您的证件照'))) return { ok: false, reason: 'declined' };
  return new Promise((resolve) => {
    wx.chooseMedia({
      count: 1,
      mediaType: ['image'],
      sourceType: ['album', 'camera'],
      sizeType: ['original'],
      camera: 'back',
      success: (res) => {
        const file = res.tempFiles && res.tempFiles[0];
        resolve(file ? { ok: true, path: file.tempFilePath } : { ok: false, reason: 'cancelled' });
      },
      fail: (err: { errMsg?: string }) =>
        resolve({ ok: false, reason: /cancel/.test(String(err && err.errMsg)) ? 'cancelled' : 'failed' }),
    });
  });
}

/** The picture's width and height in pixels, as it is shown (turned by its orientation mark). */
export function imageSize(path: string): Promise<Size> {
  return new Promise((resolve, reject) => {
    wx.getImageInfo({
      src: path,
      success: (info) => resolve(orientedSize(info)),
      fail: reject,
    });
  });
}

/** A local file's size in bytes. */
export function fileSize(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    wx.getFileSystemManager().getFileInfo({
      filePath: path,
      success: (res) => resolve(res.size),
      fail: reject,
    });
  });
}

/** The 2d canvas node as WeChat hands it over (only what is used here). */
export interface PhotoCanvas {
  width: number;
  height: number;
  getContext(type: '2d'): {
    fillStyle: string;
    fillRect(x: number, y: number, w: number, h: number): void;
    drawImage(
      image: unknown,
      sx: number,
      sy: number,
      sw: number,
      sh: number,
      dx: number,
      dy: number,
      dw: number,
      dh: number,
    ): void;
  };
  createImage(): {
    width: number;
    height: number;
    src: string;
    onload: (() => void) | null;
    onerror: ((e: unknown) => void) | null;
  };
}

/** Saves what the canvas shows as a JPEG of the given quality, and measures the file. */
function encode(canvas: PhotoCanvas, quality: number): Promise<Encoded> {
  return new Promise((resolve, reject) => {
    wx.canvasToTempFilePath({
      canvas: canvas as unknown as WechatMiniprogram.Canvas,
      x: 0,
      y: 0,
      width: CARD_PHOTO.width,
      height: CARD_PHOTO.height,
      destWidth: CARD_PHOTO.width,
      destHeight: CARD_PHOTO.height,
      fileType: 'jpg',
      quality,
      success: (res) =>
        fileSize(res.tempFilePath).then((bytes) => resolve({ path: res.tempFilePath, bytes, quality }), reject),
      fail: reject,
    });
  });
}

/**
 * Draws the crop of the picture (in the picture's pixels as measured, `measured`) at exactly
 * 352 x 440 on a white ground, then searches the JPEG quality for a file of 20–50 KB.
 */
export async function makeCardPhoto(
  canvas: PhotoCanvas,
  path: string,
  crop: Crop,
  measured: Size,
): Promise<QualitySearch> {
  canvas.width = CARD_PHOTO.width;
  canvas.height = CARD_PHOTO.height;
  const ctx = canvas.getContext('2d');
  const image = canvas.createImage();
  await new Promise<void>((resolve, reject) => {
    image.onload = () => resolve();
    image.onerror = reject;
    image.src = path;
  });
  const c = rescaleCrop(crop, measured, {
    width: image.width || measured.width,
    height: image.height || measured.height,
  });
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, CARD_PHOTO.width, CARD_PHOTO.height);
  ctx.drawImage(image, c.x, c.y, c.width, c.height, 0, 0, CARD_PHOTO.width, CARD_PHOTO.height);
  return searchQuality((quality) => encode(canvas, quality));
}

/** The photo the holder accepted, waiting for the form to take it (the form is the page below). */
let made: { path: string; bytes: number } | null = null;

export function handOverPhoto(photo: { path: string; bytes: number }): void {
  made = photo;
}

/** The accepted photo, once: null when there is none new. */
export function takeMadePhoto(): { path: string; bytes: number } | null {
  const photo = made;
  made = null;
  return photo;
}
