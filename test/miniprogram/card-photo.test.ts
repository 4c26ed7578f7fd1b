import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { saveSession } from '../../miniprogram/services/session';
import { cropOf, initialView } from '../../miniprogram/utils/photo';
import { takeMadePhoto } from '../../miniprogram/utils/photo-device';
import { fakeWx, flush } from './fake';

type Rendered = ReturnType<typeof simulate.render>;

/**
 * 制作证件照: an ordinary phone photo (3024 x 4032) under the 352:440 frame, moved and zoomed by the
 * holder, drawn at exactly 352 x 440 and saved as JPEG at the quality that gives 20–50 KB, shown
 * large to accept or redo; only the accepted photo goes back to the form.
 */

const root = path.join(__dirname, '../../miniprogram');
const pageId = simulate.load(path.join(root, 'packages/card/pages/photo/photo'), { rootPath: root });

const textOf = (comp: Rendered, selector: string) => comp.querySelector(selector)?.dom?.textContent?.trim();
const data = (comp: Rendered) => (comp.instance as any).data;
const press = async (comp: Rendered, selector: string) => {
  comp.querySelector(selector)!.dispatchEvent('press');
  await flush();
};

const PHONE = { width: 3024, height: 4032 };
/** The frame at 560rpx on a 375 px wide phone. */
const FRAME = { width: 280, height: 350 };

/** A stand-in for the 2d canvas: records what is drawn. */
function fakeCanvas() {
  const drawn: unknown[][] = [];
  const canvas = {
    width: 300,
    height: 150,
    drawn,
    getContext: () => ({
      fillStyle: '',
      fillRect: () => undefined,
      drawImage: (...args: unknown[]) => drawn.push(args.slice(1)),
    }),
    createImage: () => {
      const image: any = { width: 0, height: 0, onload: null, onerror: null };
      Object.defineProperty(image, 'src', {
        set(v: string) {
          image.path = v;
          image.width = PHONE.width;
          image.height = PHONE.height;
          setTimeout(() => image.onload(), 0);
        },
      });
      return image;
    },
  };
  return canvas;
}

/** JPEG sizes by quality: `size(q)` bytes; records the qualities asked for. */
function serveEncoding(size: (q: number) => number) {
  const asked: any[] = [];
  const sizes = new Map<string, number>();
  (globalThis as any).wx.canvasToTempFilePath = (o: any) => {
    asked.push(o);
    const file = `wxfile://tmp-${o.quality}.jpg`;
    sizes.set(file, Math.round(size(o.quality)));
    setTimeout(() => o.success({ tempFilePath: file }), 0);
  };
  fakeWx().on('getFileSystemManager', () => ({
    getFileInfo: (o: any) => setTimeout(() => o.success({ size: sizes.get(o.filePath) }), 0),
  }));
  return asked;
}

async function open(query: Record<string, string> = { src: encodeURIComponent('wxfile://IMG_0001.jpg') }) {
  const comp = simulate.render(pageId);
  comp.attach(document.createElement('parent-wrapper'));
  const canvas = fakeCanvas();
  (comp.instance as any).canvas = () => Promise.resolve(canvas);
  (comp.instance as any).onLoad(query);
  await flush();
  return { comp, canvas };
}

describe('制作证件照', () => {
  beforeEach(() => {
    fakeWx().reset();
    takeMadePhoto();
    saveSession({ accessToken: 't', refreshToken: 'r', userId: 7, roles: ['holder'], via: 'wechat' });
    fakeWx().on('getImageInfo', (o) => setTimeout(() => o.success({ width: 3024, height: 4032 }), 0));
  });

  it('shows the photo under the frame with the face guide, starting centred and a little above the middle', async () => {
    const { comp } = await open();
    expect(data(comp).stage).toBe('crop');
    expect(data(comp).frame).toEqual(FRAME);
    expect(data(comp).view).toEqual(initialView(PHONE, FRAME));
    expect(comp.querySelector('.guide-oval')).toBeTruthy();
    expect(textOf(comp, '.guide-top')).toBe('头顶');
    expect(textOf(comp, '.guide-chin')).toBe('下巴');
    expect(comp.querySelector('#frame')!.dom!.getAttribute('style')).toContain('width: 280px; height: 350px');
    const img = comp.querySelector('.source')!.dom!.getAttribute('style')!;
    const v = data(comp).view;
    expect(img).toContain(`width: ${PHONE.width * v.scale}px`);
    expect(img).toContain(`left: ${v.x}px`);
  });

  it('moves with one finger and zooms with two, about the fingers, never leaving the picture', async () => {
    const { comp } = await open();
    const page = comp.instance as any;
    const start = data(comp).view;
    page.onTouchStart({ touches: [{ clientX: 100, clientY: 200 }] });
    page.onTouchMove({ touches: [{ clientX: 110, clientY: 180 }] });
    expect(data(comp).view.x).toBeCloseTo(start.x + 10, 6);
    expect(data(comp).view.y).toBeCloseTo(start.y - 20, 6);
    page.onTouchEnd({ touches: [] });

    page.onTouchStart({
      touches: [
        { clientX: 100, clientY: 200 },
        { clientX: 200, clientY: 200 },
      ],
    });
    page.onTouchMove({
      touches: [
        { clientX: 75, clientY: 200 },
        { clientX: 225, clientY: 200 },
      ],
    });
    expect(data(comp).view.scale).toBeCloseTo(start.scale * 1.5, 6);
    page.onTouchEnd({ touches: [] });

    // Far beyond the edge: the frame stays on the picture.
    page.onTouchStart({ touches: [{ clientX: 0, clientY: 0 }] });
    page.onTouchMove({ touches: [{ clientX: 5000, clientY: 5000 }] });
    expect(data(comp).view.x).toBe(0);
    expect(data(comp).view.y).toBe(0);
  });

  it('has 放大 and 缩小 buttons for those who cannot pinch, labelled for screen readers', async () => {
    const { comp } = await open();
    const start = data(comp).view.scale;
    await press(comp, '#zoomIn');
    expect(data(comp).view.scale).toBeCloseTo(start * 1.25, 9);
    await press(comp, '#zoomOut');
    await press(comp, '#zoomOut');
    expect(data(comp).view.scale).toBeLessThan(start);
    expect((comp.querySelector('#zoomIn') as any).instance.data.ariaLabel).toBe('放大照片');
    expect((comp.querySelector('#zoomOut') as any).instance.data.ariaLabel).toBe('缩小照片');
  });

  it('draws the framed part at exactly 352 x 440, searches the JPEG quality into 20–50 KB and shows the result', async () => {
    // A detailed picture: 90 KB at the first quality tried, smaller lower down.
    const asked = serveEncoding((q) => 110 * 1024 * q * q);
    const { comp, canvas } = await open();
    const view = data(comp).view;
    await press(comp, '#finish');
    await flush(20);

    expect(canvas.width).toBe(352);
    expect(canvas.height).toBe(440);
    const crop = cropOf(view, PHONE, FRAME);
    expect(canvas.drawn).toEqual([[crop.x, crop.y, crop.width, crop.height, 0, 0, 352, 440]]);
    expect(asked[0]).toMatchObject({ canvas, destWidth: 352, destHeight: 440, fileType: 'jpg', quality: 0.85 });
    expect(asked.length).toBeGreaterThan(1);
    const chosen = asked[asked.length - 1].quality;
    const bytes = Math.round(110 * 1024 * chosen * chosen);
    expect(bytes).toBeGreaterThanOrEqual(20 * 1024);
    expect(bytes).toBeLessThanOrEqual(50 * 1024);

    expect(data(comp).stage).toBe('preview');
    expect(textOf(comp, '.preview-card .title')).toBe('这张可以吗？');
    expect(textOf(comp, '.result-facts')).toContain(`${Math.round((bytes / 1024) * 10) / 10} KB`);
    expect(comp.querySelector('#use')).toBeTruthy();
    expect((comp.querySelector('#use') as any).instance.data.look).toBe('primary');

    await press(comp, '#use');
    expect(takeMadePhoto()).toEqual({ path: `wxfile://tmp-${chosen}.jpg`, bytes });
    expect(fakeWx().calls.filter((c) => c.api === 'navigateBack')).toHaveLength(1);
  });

  it('says plainly when no quality makes the file big enough, and lets the holder go on', async () => {
    serveEncoding(() => 9 * 1024);
    const { comp } = await open();
    await press(comp, '#finish');
    await flush(20);
    expect(data(comp).stage).toBe('crop');
    expect(textOf(comp, '.photo-message')).toContain('不到 20 KB');
    expect(takeMadePhoto()).toBeNull();
    expect(comp.querySelector('#chooseOther')).toBeTruthy();
  });

  it('重新调整 goes back to the frame where it was left; nothing is handed over', async () => {
    serveEncoding(() => 30 * 1024);
    const { comp } = await open();
    await press(comp, '#zoomIn');
    const view = data(comp).view;
    await press(comp, '#finish');
    await flush(20);
    expect(data(comp).stage).toBe('preview');
    await press(comp, '#adjust');
    expect(data(comp).stage).toBe('crop');
    expect(data(comp).view).toEqual(view);
    expect(takeMadePhoto()).toBeNull();
  });

  it('重新选择照片 picks another original photo and starts over with it', async () => {
    serveEncoding(() => 30 * 1024);
    const { comp } = await open();
    await press(comp, '#finish');
    await flush(20);
    fakeWx().on('chooseMedia', (o) => o.success({ tempFiles: [{ tempFilePath: 'wxfile://IMG_0002.jpg' }] }));
    fakeWx().on('getImageInfo', (o) => setTimeout(() => o.success({ width: 4032, height: 3024 }), 0));
    await press(comp, '#chooseOther');
    await flush();
    expect(fakeWx().calls.find((c) => c.api === 'chooseMedia')!.options.sizeType).toEqual(['original']);
    expect(data(comp).stage).toBe('crop');
    expect(data(comp).src).toBe('wxfile://IMG_0002.jpg');
    expect(data(comp).image).toEqual({ width: 4032, height: 3024 });
  });

  it('a photo that cannot be opened says so and offers another', async () => {
    fakeWx().on('getImageInfo', (o) => setTimeout(() => o.fail({ errMsg: 'getImageInfo:fail' }), 0));
    const { comp } = await open();
    expect(data(comp).stage).toBe('error');
    expect(textOf(comp, '.photo-message')).toBe('这张照片打不开，请换一张。');
    expect(comp.querySelector('#chooseAgain')).toBeTruthy();
  });

  it('opened without a photo and the privacy agreement declined: says what does not work', async () => {
    const w = (globalThis as any).wx;
    w.requirePrivacyAuthorize = (o: { fail: () => void }) => o.fail();
    try {
      const { comp } = await open({});
      expect(fakeWx().calls.filter((c) => c.api === 'chooseMedia')).toHaveLength(0);
      expect(data(comp).stage).toBe('error');
      expect(textOf(comp, '.photo-message')).toContain('没有同意使用相机和相册');
      await press(comp, '#backToForm');
      expect(fakeWx().calls.filter((c) => c.api === 'navigateBack')).toHaveLength(1);
    } finally {
      delete w.requirePrivacyAuthorize;
    }
  });
});
