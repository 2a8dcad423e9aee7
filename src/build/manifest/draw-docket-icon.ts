/**
 * Draws Docket's icon: a white clipboard with a blue check mark on a blue (#0F6CBD)
 * rounded square. Shapes are described in a unit square and sampled several times per
 * pixel, so the 16 px icon stays smooth and the 128 px one stays sharp.
 */

type Rgba = readonly [number, number, number, number];

interface Shape {
  color: Rgba;
  contains(x: number, y: number): boolean;
}

const BRAND_BLUE: Rgba = [0x0f, 0x6c, 0xbd, 255];
const PAPER_WHITE: Rgba = [255, 255, 255, 255];
const CLIP_BLUE: Rgba = [0xc7, 0xe0, 0xf4, 255];
const CLIP_SHADOW: Rgba = [0x0a, 0x4a, 0x82, 255];

const SAMPLES_PER_AXIS = 4;

function roundedRectangle(left: number, top: number, right: number, bottom: number, radius: number, color: Rgba): Shape {
  return {
    color,
    contains(x, y) {
      if (x < left || x > right || y < top || y > bottom) return false;
      const cornerX = Math.min(Math.max(x, left + radius), right - radius);
      const cornerY = Math.min(Math.max(y, top + radius), bottom - radius);
      return (x - cornerX) ** 2 + (y - cornerY) ** 2 <= radius ** 2;
    },
  };
}

/** A thick line through `points`, with round joins and ends. */
function stroke(points: readonly (readonly [number, number])[], width: number, color: Rgba): Shape {
  const half = width / 2;
  return {
    color,
    contains(x, y) {
      for (let index = 1; index < points.length; index += 1) {
        const [ax, ay] = points[index - 1] as readonly [number, number];
        const [bx, by] = points[index] as readonly [number, number];
        const lengthSquared = (bx - ax) ** 2 + (by - ay) ** 2;
        const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / lengthSquared));
        if ((x - (ax + t * (bx - ax))) ** 2 + (y - (ay + t * (by - ay))) ** 2 <= half ** 2) return true;
      }
      return false;
    },
  };
}

/** Back to front. */
const docketGlyph: readonly Shape[] = [
  roundedRectangle(0, 0, 1, 1, 0.2, BRAND_BLUE),
  roundedRectangle(0.22, 0.2, 0.78, 0.88, 0.07, PAPER_WHITE),
  roundedRectangle(0.35, 0.12, 0.65, 0.29, 0.05, CLIP_SHADOW),
  roundedRectangle(0.37, 0.14, 0.63, 0.27, 0.04, CLIP_BLUE),
  stroke(
    [
      [0.34, 0.56],
      [0.46, 0.69],
      [0.67, 0.42],
    ],
    0.09,
    BRAND_BLUE,
  ),
];

/** The icon at `size`×`size` pixels as RGBA bytes, row by row (what a PNG encoder takes). */
export function drawDocketIcon(size: number): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  for (let row = 0; row < size; row += 1) {
    for (let column = 0; column < size; column += 1) {
      const [red, green, blue, alpha] = samplePixel(column, row, size);
      const offset = (row * size + column) * 4;
      pixels[offset] = red;
      pixels[offset + 1] = green;
      pixels[offset + 2] = blue;
      pixels[offset + 3] = alpha;
    }
  }
  return pixels;
}

/** Averages the glyph over a grid of points inside one pixel (premultiplied, so edges blend into transparency cleanly). */
function samplePixel(column: number, row: number, size: number): Rgba {
  let red = 0;
  let green = 0;
  let blue = 0;
  let alpha = 0;
  for (let sampleY = 0; sampleY < SAMPLES_PER_AXIS; sampleY += 1) {
    for (let sampleX = 0; sampleX < SAMPLES_PER_AXIS; sampleX += 1) {
      const x = (column + (sampleX + 0.5) / SAMPLES_PER_AXIS) / size;
      const y = (row + (sampleY + 0.5) / SAMPLES_PER_AXIS) / size;
      const color = topmostColorAt(x, y);
      if (!color) continue;
      red += color[0];
      green += color[1];
      blue += color[2];
      alpha += 1;
    }
  }
  if (alpha === 0) return [0, 0, 0, 0];
  return [Math.round(red / alpha), Math.round(green / alpha), Math.round(blue / alpha), Math.round((alpha / SAMPLES_PER_AXIS ** 2) * 255)];
}

function topmostColorAt(x: number, y: number): Rgba | undefined {
  for (let index = docketGlyph.length - 1; index >= 0; index -= 1) {
    const shape = docketGlyph[index] as Shape;
    if (shape.contains(x, y)) return shape.color;
  }
  return undefined;
}
