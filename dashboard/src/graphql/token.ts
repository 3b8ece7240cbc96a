// The screen signs in with a SCREEN token: `?token=…` in its URL (kept for later reloads in
// localStorage), or one stored there by whoever set the screen up.
const storageKey = 'hub.screenToken';

function readToken(): string | null {
  const fromUrl = new URLSearchParams(location.search).get('token');
  if (fromUrl) {
    localStorage.setItem(storageKey, fromUrl);
    return fromUrl;
  }
  return localStorage.getItem(storageKey);
}

export const screenToken = readToken();
