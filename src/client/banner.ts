const BANNER_ID = 'lectern-error';

/** Shows a compile error over the slides; the slides underneath stay usable. */
export function showBanner(message: string): void {
  let banner = document.getElementById(BANNER_ID);
  if (!banner) {
    banner = document.createElement('pre');
    banner.id = BANNER_ID;
    banner.className = 'lectern-banner';
    banner.setAttribute('role', 'alert');
    document.body.appendChild(banner);
  }
  banner.textContent = message;
}

export function clearBanner(): void {
  document.getElementById(BANNER_ID)?.remove();
}
