/**
 * The card photo made on the phone: the holder frames their face in a 352:440 window over an
 * ordinary photo (moving it with a finger, zooming with two), and that part of the picture is drawn
 * at exactly 352 x 440 and saved as a JPEG whose quality is searched until the file is 20–50 KB.
 * The server checks the result against the same rules and stays the judge; the numbers here mirror
 * them so that what the phone produces passes.
 *
 * Everything here is plain arithmetic: the page supplies the sizes, the touches and an encoder.
 */

/** The national 优待证 photo: JPEG, 352 x 440 px (width x height), 20–50 KB. */
export const CARD_PHOTO = { width: 352, height: 440, minBytes: 20 * 1024, maxBytes: 50 * 1024 } as const;

/** How far the holder may zoom in, relative to the picture just filling the frame. */
export const MAX_ZOOM = 5;

export interface Size {
  width: number;
  height: number;
}

/**
 * Where the picture sits under the frame: drawn `scale` frame pixels per picture pixel, its top-left
 * corner at (`x`, `y`) from the frame's top-left (zero or negative: the picture always covers the frame).
 */
export interface View {
  scale: number;
  x: number;
  y: number;
}

/** A rectangle of the picture in its own pixels. */
export interface Crop {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The picture's size as it is shown: a phone photo taken with the phone turned is stored sideways
 * with an orientation mark, and WeChat reports the stored size; shown (and drawn), it is turned.
 */
export function orientedSize(info: { width: number; height: number; orientation?: string }): Size {
  const turned = /^(left|right)(-mirrored)?$/.test(info.orientation || '');
  return turned ? { width: info.height, height: info.width } : { width: info.width, height: info.height };
}

/** The frame for a given width: the photo's 352:440 proportions. */
export const frameOfWidth = (width: number): Size => ({
  width,
  height: (width * CARD_PHOTO.height) / CARD_PHOTO.width,
});

/** The smallest scale at which the picture still covers the whole frame. */
export const coverScale = (image: Size, frame: Size): number =>
  Math.max(frame.width / image.width, frame.height / image.height);

const within = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));

/**
 * Keeps the frame on the picture: the scale between covering the frame and MAX_ZOOM times that, and
 * the picture moved back so that no edge of it shows inside the frame.
 */
export function clampView(view: View, image: Size, frame: Size): View {
  const min = coverScale(image, frame);
  const scale = within(view.scale, min, min * MAX_ZOOM);
  const shownW = image.width * scale;
  const shownH = image.height * scale;
  return {
    scale,
    x: within(view.x, frame.width - shownW, 0),
    y: within(view.y, frame.height - shownH, 0),
  };
}

/** The view that shows exactly `crop` in the frame (then kept on the picture). */
export function viewOfCrop(crop: Crop, image: Size, frame: Size): View {
  const scale = frame.width / crop.width;
  return clampView({ scale, x: -crop.x * scale, y: -crop.y * scale }, image, frame);
}

/**
 * Where the frame starts on a fresh photo: the face is usually in the upper middle of a portrait,
 * so the frame takes 70% of the picture's width (or of its height, for a wide picture), centred
 * horizontally, its centre a little above the picture's middle (42% of the height).
 */
export function initialView(image: Size, frame: Size): View {
  const ratio = frame.width / frame.height;
  let width = image.width * 0.7;
  let height = width / ratio;
  if (height > image.height * 0.7) {
    height = image.height * 0.7;
    width = height * ratio;
  }
  const crop = { x: (image.width - width) / 2, y: image.height * 0.42 - height / 2, width, height };
  return viewOfCrop(crop, image, frame);
}

/** Moved by a finger: (dx, dy) in frame pixels. */
export const panView = (view: View, dx: number, dy: number, image: Size, frame: Size): View =>
  clampView({ scale: view.scale, x: view.x + dx, y: view.y + dy }, image, frame);

/**
 * Zoomed by `factor` about a point of the frame (the middle of two fingers, or the frame's centre
 * for the zoom buttons): the picture point under it stays put, as far as the limits allow.
 */
export function zoomView(view: View, factor: number, about: { x: number; y: number }, image: Size, frame: Size): View {
  const min = coverScale(image, frame);
  const scale = within(view.scale * factor, min, min * MAX_ZOOM);
  const k = scale / view.scale;
  return clampView({ scale, x: about.x - (about.x - view.x) * k, y: about.y - (about.y - view.y) * k }, image, frame);
}

/** How far the view is zoomed in, 1 when the picture just covers the frame. */
export const zoomOf = (view: View, image: Size, frame: Size): number => view.scale / coverScale(image, frame);

/**
 * The part of the picture inside the frame, in the picture's pixels: what is drawn into the
 * 352 x 440 photo. Always inside the picture, never empty.
 */
export function cropOf(view: View, image: Size, frame: Size): Crop {
  const v = clampView(view, image, frame);
  const width = Math.min(image.width, frame.width / v.scale);
  const height = Math.min(image.height, frame.height / v.scale);
  return {
    x: within(-v.x / v.scale, 0, image.width - width),
    y: within(-v.y / v.scale, 0, image.height - height),
    width,
    height,
  };
}

/**
 * The same crop for the picture as the canvas loaded it, when that differs in size from what the
 * page measured (a phone may decode a very large picture smaller).
 */
export function rescaleCrop(crop: Crop, from: Size, to: Size): Crop {
  if (from.width === to.width && from.height === to.height) return crop;
  const kx = to.width / from.width;
  const ky = to.height / from.height;
  return { x: crop.x * kx, y: crop.y * ky, width: crop.width * kx, height: crop.height * ky };
}

/** One saved try: the file and its size in bytes. */
export interface Encoded {
  path: string;
  bytes: number;
  quality: number;
}

export type QualitySearch =
  | { ok: true; file: Encoded; tries: number }
  /** Even the best quality is under the minimum (a very plain picture), or even the lowest is over the maximum. */
  | { ok: false; reason: 'too_small' | 'too_large'; tries: number };

export interface SearchOptions {
  minBytes?: number;
  maxBytes?: number;
  /** The first quality tried: usually lands in range for a face photo of this size. */
  start?: number;
  lowest?: number;
  highest?: number;
  maxTries?: number;
}

/**
 * Finds a JPEG quality whose file is within the size range, by halving the interval of qualities
 * (higher quality, larger file). `encode(quality)` saves the picture at that quality and says how
 * big it came out. The first file within range is taken: the range is wide (20–50 KB), so a
 * handful of tries is enough. When the interval has narrowed to almost nothing its end is tried,
 * so that "no quality fits" is said only after the best (or the lowest) quality was tried.
 */
export async function searchQuality(
  encode: (quality: number) => Promise<Encoded>,
  options: SearchOptions = {},
): Promise<QualitySearch> {
  const minBytes = options.minBytes ?? CARD_PHOTO.minBytes;
  const maxBytes = options.maxBytes ?? CARD_PHOTO.maxBytes;
  const lowest = options.lowest ?? 0.05;
  const highest = options.highest ?? 1;
  const maxTries = options.maxTries ?? 8;
  let lo = lowest;
  let hi = highest;
  let quality = within(options.start ?? 0.85, lowest, highest);
  for (let tries = 1; ; tries++) {
    const file = await encode(Math.round(quality * 1000) / 1000);
    if (file.bytes >= minBytes && file.bytes <= maxBytes) return { ok: true, file, tries };
    const small = file.bytes < minBytes;
    if (small) lo = quality;
    else hi = quality;
    if (small && quality >= highest) return { ok: false, reason: 'too_small', tries };
    if (!small && quality <= lowest) return { ok: false, reason: 'too_large', tries };
    if (tries >= maxTries) return { ok: false, reason: small ? 'too_small' : 'too_large', tries };
    quality = hi - lo > 0.02 ? (lo + hi) / 2 : small ? hi : lo;
  }
}

/** A size in KB with one decimal, as the page says it ("38.2 KB"). */
export const kb = (bytes: number) => `${Math.round((bytes / 1024) * 10) / 10} KB`;
