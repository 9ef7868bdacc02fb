/**
 * Regenerates the raster icons from src/assets/favicon.svg (run by hand after editing the SVG):
 *   npx tsx scripts/make-icons.ts
 * favicon.ico (32×32, a PNG inside an ICO container, which every current browser reads) at the
 * site root, and a 512×512 PNG for JSON Feed's `icon`.
 */
import fs from "node:fs";
import sharp from "sharp";
import { exitWithHelp } from "./help.ts";

exitWithHelp(
  "Usage: npx tsx scripts/make-icons.ts\n\nRedraws src/assets/favicon.ico and src/assets/icon-512.png from src/assets/favicon.svg.",
);

const svg = fs.readFileSync("src/assets/favicon.svg");
const png32 = await sharp(svg, { density: 300 }).resize(32, 32).png().toBuffer();
const header = Buffer.alloc(22);
header.writeUInt16LE(0, 0); // reserved
header.writeUInt16LE(1, 2); // type: icon
header.writeUInt16LE(1, 4); // one image
header.writeUInt8(32, 6); // width
header.writeUInt8(32, 7); // height
header.writeUInt8(0, 8); // no palette
header.writeUInt8(0, 9); // reserved
header.writeUInt16LE(1, 10); // colour planes
header.writeUInt16LE(32, 12); // bits per pixel
header.writeUInt32LE(png32.length, 14); // image size
header.writeUInt32LE(22, 18); // image offset
fs.writeFileSync("src/assets/favicon.ico", Buffer.concat([header, png32]));
await sharp(svg, { density: 1200 }).resize(512, 512).png().toFile("src/assets/icon-512.png");
console.log("wrote src/assets/favicon.ico and src/assets/icon-512.png");
