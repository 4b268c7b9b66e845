/**
 * A chart the API drew as SVG, shown as an image. It is fetched with the session's token (an
 * <img src> could not send it), so it is shown from a blob: URL, decoded before it is placed so
 * the frame never flashes empty. The caller revokes `url` when it replaces or drops the image.
 */
export async function chartImage(svg: Blob, options: { alt: string; width: number; height: number }): Promise<{ img: HTMLImageElement; url: string }> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  const img = new Image();
  img.className = 'chart';
  img.alt = options.alt;
  img.width = options.width;
  img.height = options.height;
  img.src = url;
  await img.decode().catch(() => undefined);
  return { img, url };
}
