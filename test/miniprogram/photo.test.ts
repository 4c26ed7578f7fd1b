import {
  CARD_PHOTO,
  MAX_ZOOM,
  clampView,
  coverScale,
  cropOf,
  frameOfWidth,
  initialView,
  orientedSize,
  panView,
  rescaleCrop,
  searchQuality,
  zoomOf,
  zoomView,
  type Crop,
  type Encoded,
  type Size,
} from '../../miniprogram/utils/photo';

const portrait: Size = { width: 3024, height: 4032 };
const landscape: Size = { width: 4032, height: 3024 };
const frame = frameOfWidth(280);

const ratio = (c: Crop) => c.width / c.height;
/** The crop lies inside the picture. */
function expectInside(c: Crop, image: Size) {
  expect(c.x).toBeGreaterThanOrEqual(0);
  expect(c.y).toBeGreaterThanOrEqual(0);
  expect(c.x + c.width).toBeLessThanOrEqual(image.width + 1e-6);
  expect(c.y + c.height).toBeLessThanOrEqual(image.height + 1e-6);
}

describe('the card photo frame', () => {
  it('has the photo’s 352:440 proportions', () => {
    expect(frame).toEqual({ width: 280, height: 350 });
    expect(CARD_PHOTO).toMatchObject({ width: 352, height: 440, minBytes: 20480, maxBytes: 51200 });
  });

  it('starts on a 3024 x 4032 phone photo centred horizontally and a little above the middle', () => {
    const view = initialView(portrait, frame);
    const crop = cropOf(view, portrait, frame);
    expect(ratio(crop)).toBeCloseTo(352 / 440, 6);
    // 70% of the width, centred.
    expect(crop.width).toBeCloseTo(3024 * 0.7, 3);
    expect(crop.x + crop.width / 2).toBeCloseTo(3024 / 2, 3);
    // Its centre above the middle of the picture, the whole frame on the picture.
    const centreY = crop.y + crop.height / 2;
    expect(centreY).toBeLessThan(4032 / 2);
    expect(centreY).toBeCloseTo(4032 * 0.42, 3);
    expectInside(crop, portrait);
    expect(zoomOf(view, portrait, frame)).toBeGreaterThan(1);
  });

  it('starts on a 4032 x 3024 landscape photo from 70% of its height, centred, within the picture', () => {
    const view = initialView(landscape, frame);
    const crop = cropOf(view, landscape, frame);
    expect(ratio(crop)).toBeCloseTo(352 / 440, 6);
    expect(crop.height).toBeCloseTo(3024 * 0.7, 3);
    expect(crop.x + crop.width / 2).toBeCloseTo(4032 / 2, 3);
    expect(crop.y + crop.height / 2).toBeLessThan(3024 / 2);
    expectInside(crop, landscape);
  });

  it('gives the crop in picture pixels from the view’s offset and scale', () => {
    const scale = 0.25;
    const crop = cropOf({ scale, x: -200, y: -300 }, portrait, frame);
    expect(crop).toEqual({ x: 800, y: 1200, width: 280 / scale, height: 350 / scale });
  });

  it('never lets the frame leave the picture, however far it is dragged', () => {
    for (const image of [portrait, landscape]) {
      const start = initialView(image, frame);
      for (const [dx, dy] of [
        [5000, 0],
        [-5000, 0],
        [0, 5000],
        [0, -5000],
        [4000, -4000],
      ]) {
        const view = panView(start, dx, dy, image, frame);
        expect(view.x).toBeLessThanOrEqual(0);
        expect(view.y).toBeLessThanOrEqual(0);
        expect(view.x + image.width * view.scale).toBeGreaterThanOrEqual(frame.width - 1e-6);
        expect(view.y + image.height * view.scale).toBeGreaterThanOrEqual(frame.height - 1e-6);
        expectInside(cropOf(view, image, frame), image);
      }
    }
    // Dragged to the far left edge: the crop starts at the picture's left edge.
    const left = panView(initialView(portrait, frame), 9999, 0, portrait, frame);
    expect(cropOf(left, portrait, frame).x).toBe(0);
    const right = panView(initialView(portrait, frame), -9999, 0, portrait, frame);
    const c = cropOf(right, portrait, frame);
    expect(c.x + c.width).toBeCloseTo(3024, 6);
  });

  it('zooms about the fingers’ middle, no further out than filling the frame and no further in than the limit', () => {
    const start = initialView(portrait, frame);
    const about = { x: 100, y: 120 };
    const before = cropOf(start, portrait, frame);
    const zoomed = zoomView(start, 1.5, about, portrait, frame);
    expect(zoomed.scale).toBeCloseTo(start.scale * 1.5, 9);
    // The picture point under the fingers stays under them.
    const pointBefore = { x: (about.x - start.x) / start.scale, y: (about.y - start.y) / start.scale };
    const pointAfter = { x: (about.x - zoomed.x) / zoomed.scale, y: (about.y - zoomed.y) / zoomed.scale };
    expect(pointAfter.x).toBeCloseTo(pointBefore.x, 6);
    expect(pointAfter.y).toBeCloseTo(pointBefore.y, 6);
    expect(cropOf(zoomed, portrait, frame).width).toBeCloseTo(before.width / 1.5, 6);

    const out = zoomView(start, 0.01, about, portrait, frame);
    expect(out.scale).toBeCloseTo(coverScale(portrait, frame), 12);
    expectInside(cropOf(out, portrait, frame), portrait);
    expect(cropOf(out, portrait, frame).width).toBeCloseTo(3024, 6);

    const deep = zoomView(start, 100, about, portrait, frame);
    expect(zoomOf(deep, portrait, frame)).toBeCloseTo(MAX_ZOOM, 9);
    expect(clampView({ scale: 99, x: 0, y: 0 }, landscape, frame).scale).toBeCloseTo(
      coverScale(landscape, frame) * MAX_ZOOM,
      12,
    );
  });

  it('takes a photo stored sideways (orientation mark) at the size it is shown', () => {
    expect(orientedSize({ width: 4032, height: 3024, orientation: 'right' })).toEqual(portrait);
    expect(orientedSize({ width: 4032, height: 3024, orientation: 'left-mirrored' })).toEqual(portrait);
    expect(orientedSize({ width: 3024, height: 4032, orientation: 'up' })).toEqual(portrait);
    expect(orientedSize({ width: 3024, height: 4032, orientation: 'down' })).toEqual(portrait);
    expect(orientedSize({ width: 4032, height: 3024 })).toEqual(landscape);
  });

  it('carries the crop over to a picture the canvas decoded at another size', () => {
    const crop = { x: 400, y: 800, width: 2000, height: 2500 };
    expect(rescaleCrop(crop, portrait, portrait)).toBe(crop);
    expect(rescaleCrop(crop, portrait, { width: 1512, height: 2016 })).toEqual({
      x: 200,
      y: 400,
      width: 1000,
      height: 1250,
    });
  });
});

describe('the JPEG quality search', () => {
  /** An encoder whose file grows with quality as `size(q)`; records the qualities tried. */
  const encoder = (size: (q: number) => number) => {
    const tried: number[] = [];
    const encode = async (quality: number): Promise<Encoded> => {
      tried.push(quality);
      return { path: `tmp://${quality}.jpg`, bytes: Math.round(size(quality)), quality };
    };
    return { encode, tried };
  };
  const KB = 1024;

  it('takes the first quality when its file is already within 20–50 KB', async () => {
    const { encode, tried } = encoder((q) => 40 * KB * q);
    const result = await searchQuality(encode);
    expect(result).toEqual({ ok: true, file: { path: 'tmp://0.85.jpg', bytes: 34816, quality: 0.85 }, tries: 1 });
    expect(tried).toEqual([0.85]);
  });

  it('lowers the quality of a detailed picture step by step until it is no more than 50 KB', async () => {
    // 200 KB at full quality, steeply smaller below.
    const { encode, tried } = encoder((q) => 200 * KB * q ** 3);
    const result = await searchQuality(encode);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.file.bytes).toBeGreaterThanOrEqual(20 * KB);
    expect(result.file.bytes).toBeLessThanOrEqual(50 * KB);
    expect(tried[0]).toBe(0.85);
    expect(tried.length).toBeLessThanOrEqual(8);
    // Halving: each try lower than the one before while the file was too large.
    expect(tried[1]).toBeCloseTo((0.05 + 0.85) / 2, 3);
  });

  it('raises the quality of a plain picture until it is at least 20 KB', async () => {
    const { encode, tried } = encoder((q) => 4 * KB + 24 * KB * q ** 4);
    const result = await searchQuality(encode);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.file.bytes).toBeGreaterThanOrEqual(20 * KB);
    expect(tried[1]).toBeCloseTo((0.85 + 1) / 2, 3);
  });

  it('says so when even the best quality stays under 20 KB (a flat picture), after trying the best quality', async () => {
    const { encode, tried } = encoder((q) => 5 * KB + 10 * KB * q);
    const result = await searchQuality(encode);
    expect(result).toMatchObject({ ok: false, reason: 'too_small' });
    expect(tried[tried.length - 1]).toBe(1);
    expect(tried.length).toBeLessThanOrEqual(8);
  });

  it('says so when even the lowest quality is over 50 KB', async () => {
    const { encode, tried } = encoder(() => 80 * KB);
    const result = await searchQuality(encode);
    expect(result).toMatchObject({ ok: false, reason: 'too_large' });
    expect(tried[tried.length - 1]).toBe(0.05);
  });

  it('gives up after the allowed number of tries when sizes jump over the range', async () => {
    // No quality lands within range: below 0.5 it is 10 KB, from 0.5 it is 60 KB.
    const { encode, tried } = encoder((q) => (q < 0.5 ? 10 * KB : 60 * KB));
    const result = await searchQuality(encode, { maxTries: 6 });
    expect(result.ok).toBe(false);
    expect(tried).toHaveLength(6);
  });
});
