import { inflateSync } from 'node:zlib';

/** Reading back the PDFs the reports print (pdfkit: deflated streams, Identity-H fonts with ToUnicode maps). */

/** The decompressed content of every stream of a PDF. */
export function pdfStreams(pdf: Buffer): string[] {
  const out: string[] = [];
  const raw = pdf.toString('latin1');
  const pattern = /stream\r?\n/g;
  for (let match = pattern.exec(raw); match; match = pattern.exec(raw)) {
    const start = match.index + match[0].length;
    try {
      out.push(inflateSync(pdf.subarray(start, raw.indexOf('endstream', start))).toString('latin1'));
    } catch {
      // not a deflated stream: nothing to read in it
    }
  }
  return out;
}

/** The ToUnicode maps of the embedded font subsets, lower-cased: `<1ee3>` appears when ợ is printed. */
export function pdfUnicodeMaps(pdf: Buffer): string {
  return pdfStreams(pdf)
    .filter((s) => s.includes('begincmap'))
    .join('\n')
    .toLowerCase();
}

/**
 * The text a PDF prints, one string per ToUnicode map of its embedded font subsets: every text-showing operation
 * ([<glyph ids> kerning …] TJ) decoded through that map, joined with spaces (a wrapped cell continues in the next one).
 * A map that is not the operation's font's gives nonsense, never a false match on a whole name.
 */
export function pdfTexts(pdf: Buffer): string[] {
  const contents = pdfStreams(pdf);
  const shows = contents.flatMap((s) => [...s.matchAll(/\[([^\]]*)\]\s*TJ/g)].map((m) => [...m[1].matchAll(/<([0-9a-f]+)>/gi)].map((h) => h[1]).join('')));
  return contents
    .filter((s) => s.includes('begincmap'))
    .map((cmap) => {
      // Each range: <first glyph> <last glyph> [<unicode of the first> <of the next> …]; a glyph standing for several
      // characters (a base letter and a combining mark) is <0079 0303>: UTF-16 code units separated by spaces.
      const unicode = new Map<number, string>();
      for (const [, first, targets] of cmap.matchAll(/<([0-9a-f]{4})>\s*<[0-9a-f]{4}>\s*\[([^\]]*)\]/gi)) {
        [...targets.matchAll(/<([0-9a-f ]+)>/gi)].forEach((t, i) =>
          unicode.set(parseInt(first, 16) + i, String.fromCharCode(...t[1].trim().split(/\s+/).map((unit) => parseInt(unit, 16))).normalize('NFC')),
        );
      }
      return shows.map((hex) => (hex.match(/.{4}/g) ?? []).map((glyph) => unicode.get(parseInt(glyph, 16)) ?? '\ufffd').join('')).join(' ');
    });
}
