import jpeg from 'jpeg-js';

const WIDTH = 352;
const HEIGHT = 440;
/** Padded to this size with a comment segment: inside the 20–50 KB of the specification. */
const TARGET_BYTES = 30 * 1024;

let cached: Buffer | undefined;

/** A drawn head and shoulders on a blue background, as RGBA pixels. */
function portrait(): Buffer {
  const data = Buffer.alloc(WIDTH * HEIGHT * 4);
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      const face = ((x - 176) / 78) ** 2 + ((y - 190) / 100) ** 2 < 1;
      const hair = ((x - 176) / 86) ** 2 + ((y - 160) / 92) ** 2 < 1 && y < 150;
      const shoulders = y > 300 && Math.abs(x - 176) < 60 + (y - 300) * 1.2;
      const [r, g, b] = hair ? [35, 30, 28] : face ? [232, 192, 162] : shoulders ? [48, 56, 74] : [67, 142, 219];
      const i = (y * WIDTH + x) * 4;
      data[i] = r;
      data[i + 1] = g;
      data[i + 2] = b;
      data[i + 3] = 255;
    }
  }
  return data;
}

/**
 * A JPEG that meets the 优待证 photo specification (352 x 440, 20–50 KB, colour, fully decodable)
 * for demo applications: a drawn portrait, padded with a comment segment after the JFIF header.
 * Built once per process.
 */
export function demoPhoto(): Buffer {
  if (!cached) {
    const encoded = jpeg.encode({ width: WIDTH, height: HEIGHT, data: portrait() }, 90).data;
    // SOI, then the APP0 (JFIF) segment: the comment goes right after it.
    const afterApp0 = 4 + encoded.readUInt16BE(4);
    const padding = TARGET_BYTES - encoded.length - 4;
    const comment = Buffer.alloc(4 + padding, 0x20);
    comment.set([0xff, 0xfe]);
    comment.writeUInt16BE(padding + 2, 2);
    cached = Buffer.concat([encoded.subarray(0, afterApp0), comment, encoded.subarray(afterApp0)]);
  }
  return Buffer.from(cached);
}
