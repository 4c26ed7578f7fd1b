import { rootFontSize } from '../../../../utils/font-size';
import {
  cropOf,
  frameOfWidth,
  initialView,
  kb,
  panView,
  zoomView,
  type QualitySearch,
  type Size,
  type View,
} from '../../../../utils/photo';
import { handOverPhoto, imageSize, makeCardPhoto, pickPhoto, type PhotoCanvas } from '../../../../utils/photo-device';

/** The frame's width on screen in rpx; its height follows the photo's 352:440. */
const FRAME_RPX = 560;
/** One tap on 放大 / 缩小. */
const ZOOM_STEP = 1.25;

type Stage = 'loading' | 'crop' | 'making' | 'preview' | 'error';
interface Point {
  x: number;
  y: number;
}

function windowWidth(): number {
  try {
    if (typeof wx.getWindowInfo === 'function') return wx.getWindowInfo().windowWidth || 375;
  } catch {
    // not available: the common width
  }
  return 375;
}

/** What WeChat says when no quality gives a file of the right size. */
const NO_FIT: Record<'too_small' | 'too_large', string> = {
  too_small: '这张照片内容太简单，压缩后不到 20 KB，不符合要求。请换一张光线充足、人像清楚的照片。',
  too_large: '这张照片压缩后仍超过 50 KB，不符合要求。请换一张背景简单的照片。',
};

// Touch state of the gesture in progress: not something to render.
let last: { touches: Point[]; distance: number } | null = null;
const distance = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);
const points = (e: WechatMiniprogram.TouchEvent): Point[] =>
  Array.prototype.map.call(e.touches || [], (t: { clientX: number; clientY: number }) => ({
    x: t.clientX,
    y: t.clientY,
  })) as Point[];

/**
 * 制作证件照: the picked photo under a frame of the card photo's proportions, with a face guide (an
 * oval, the head-top and chin lines). The holder moves the photo with a finger and zooms with two
 * (or the 放大 / 缩小 buttons); 完成 draws the framed part at 352 x 440 and saves it at 20–50 KB,
 * then shows it large to accept or redo. The accepted photo goes back to the form, which uploads it.
 */
Component({
  data: {
    rootFontSize: '',
    stage: 'loading' as Stage,
    message: '',
    src: '',
    image: { width: 0, height: 0 } as Size,
    frame: { width: 0, height: 0 } as Size,
    view: { scale: 1, x: 0, y: 0 } as View,
    /** The frame's top-left on screen, for zooming about the fingers. */
    frameLeft: 0,
    frameTop: 0,
    result: null as { path: string; bytes: number; sizeText: string } | null,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      const px = (FRAME_RPX * windowWidth()) / 750;
      const frame = frameOfWidth(Math.round(px));
      this.setData({ rootFontSize: rootFontSize(), frame, frameLeft: (windowWidth() - frame.width) / 2 });
      const src = query && query.src ? decodeURIComponent(query.src) : '';
      if (src) void this.open(src);
      else void this.choose();
    },

    onReady(): void {
      this.measureFrame();
    },

    /** Where the frame is on screen (the fingers' middle is given in screen terms). */
    measureFrame(): void {
      if (typeof this.createSelectorQuery !== 'function') return;
      try {
        this.createSelectorQuery()
          .select('#frame')
          .boundingClientRect((rect) => {
            const r = rect as WechatMiniprogram.BoundingClientRectCallbackResult | null;
            if (r) this.setData({ frameLeft: r.left, frameTop: r.top });
          })
          .exec();
      } catch {
        // keep the estimate
      }
    },

    async open(src: string): Promise<void> {
      this.setData({ stage: 'loading', src, message: '', result: null });
      try {
        const image = await imageSize(src);
        this.setData({ image, view: initialView(image, this.data.frame), stage: 'crop' });
        this.measureFrame();
      } catch {
        this.setData({ stage: 'error', message: '这张照片打不开，请换一张。' });
      }
    },

    /** Picks another photo; going back to the form when the holder gives up on the first pick. */
    async choose(): Promise<void> {
      const picked = await pickPhoto();
      if (picked.ok) {
        void this.open(picked.path);
        return;
      }
      if (picked.reason === 'cancelled' && this.data.src) return;
      this.setData({
        stage: 'error',
        message:
          picked.reason === 'declined'
            ? '没有同意使用相机和相册，无法选择照片。您可以稍后再试，申请表的其他内容照常填写。'
            : picked.reason === 'cancelled'
              ? '还没有选择照片。'
              : '没能打开相机或相册，请稍后再试。',
      });
    },

    setView(view: View): void {
      this.setData({ view });
    },

    onTouchStart(e: WechatMiniprogram.TouchEvent): void {
      const touches = points(e);
      last = { touches, distance: touches.length > 1 ? distance(touches[0], touches[1]) : 0 };
      // The page may have scrolled since: where the frame is now, for zooming about the fingers.
      if (touches.length > 1) this.measureFrame();
    },

    onTouchMove(e: WechatMiniprogram.TouchEvent): void {
      const touches = points(e);
      if (!last || touches.length === 0) return;
      const { image, frame, view } = this.data;
      if (touches.length > 1 && last.touches.length > 1 && last.distance > 0) {
        const now = distance(touches[0], touches[1]);
        const about = {
          x: (touches[0].x + touches[1].x) / 2 - this.data.frameLeft,
          y: (touches[0].y + touches[1].y) / 2 - this.data.frameTop,
        };
        this.setView(zoomView(view, now / last.distance, about, image, frame));
        last = { touches, distance: now };
        return;
      }
      const dx = touches[0].x - last.touches[0].x;
      const dy = touches[0].y - last.touches[0].y;
      this.setView(panView(view, dx, dy, image, frame));
      last = { touches, distance: 0 };
    },

    onTouchEnd(e: WechatMiniprogram.TouchEvent): void {
      const touches = points(e);
      last = touches.length ? { touches, distance: 0 } : null;
    },

    zoomIn(): void {
      this.zoomBy(ZOOM_STEP);
    },

    zoomOut(): void {
      this.zoomBy(1 / ZOOM_STEP);
    },

    zoomBy(factor: number): void {
      const { image, frame, view } = this.data;
      this.setView(zoomView(view, factor, { x: frame.width / 2, y: frame.height / 2 }, image, frame));
    },

    /** The 2d canvas the photo is drawn on. */
    canvas(): Promise<PhotoCanvas> {
      return new Promise((resolve, reject) => {
        this.createSelectorQuery()
          .select('#photoCanvas')
          .fields({ node: true, size: true })
          .exec((res: Array<{ node?: PhotoCanvas } | null>) => {
            const node = res && res[0] && res[0].node;
            if (node) resolve(node);
            else reject(new Error('no canvas'));
          });
      });
    },

    async finish(): Promise<void> {
      if (this.data.stage !== 'crop') return;
      const { image, frame, view, src } = this.data;
      this.setData({ stage: 'making', message: '' });
      let found: QualitySearch;
      try {
        found = await makeCardPhoto(await this.canvas(), src, cropOf(view, image, frame), image);
      } catch {
        this.setData({ stage: 'crop', message: '没能生成照片，请再点一次“完成”。' });
        return;
      }
      if (!found.ok) {
        this.setData({ stage: 'crop', message: NO_FIT[found.reason] });
        return;
      }
      const { path, bytes } = found.file;
      this.setData({ stage: 'preview', result: { path, bytes, sizeText: kb(bytes) } });
    },

    /** Back to moving and zooming, where the holder left it. */
    adjust(): void {
      this.setData({ stage: 'crop', result: null, message: '' });
    },

    use(): void {
      const result = this.data.result;
      if (!result) return;
      handOverPhoto({ path: result.path, bytes: result.bytes });
      wx.navigateBack({ delta: 1 });
    },

    previewResult(): void {
      const result = this.data.result;
      if (result) wx.previewImage({ urls: [result.path] });
    },

    back(): void {
      wx.navigateBack({ delta: 1 });
    },
  },
});
