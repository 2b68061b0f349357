/** The decoded path of a request URL, or null when the URL is malformed (it names no file). */
export function decodePathname(url: string | undefined): string | null {
  try {
    return decodeURIComponent(new URL(url ?? '/', 'http://localhost').pathname);
  } catch {
    return null;
  }
}
