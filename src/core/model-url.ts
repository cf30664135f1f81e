// Hub URL layout, shared by the downloader, the transformers.js cache bridge and the test mirror:
//   {base}/{org}/{repo}/resolve/{revision}/{path}
import { InvalidInputError } from './errors';

export const DEFAULT_MODEL_SOURCE = 'https://huggingface.co';

/** Normalises a user-typed base URL; throws a readable error for anything that is not http(s). */
export function normaliseSource(raw: string): string {
  const trimmed = raw.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new InvalidInputError(`"${trimmed}" is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new InvalidInputError(`"${trimmed}" must start with https://`);
  if (url.search || url.hash) throw new InvalidInputError(`"${trimmed}" must not have a query or fragment`);
  return url.href.replace(/\/+$/, '');
}

export function fileUrl(base: string, repo: string, path: string, revision = 'main'): string {
  const encodedPath = path.split('/').map(encodeURIComponent).join('/');
  return `${base.replace(/\/+$/, '')}/${repo}/resolve/${encodeURIComponent(revision)}/${encodedPath}`;
}

/** Inverse of fileUrl for any base: finds "{org}/{repo}/resolve/{rev}/{path}" at the end of a URL or path. */
export function parseFileUrl(url: string): { repo: string; revision: string; path: string } | null {
  const m = /(?:^|\/)([^/]+\/[^/]+)\/resolve\/([^/]+)\/(.+)$/.exec(url.split(/[?#]/)[0] ?? '');
  if (!m) return null;
  const [, repo, revision, path] = m as unknown as [string, string, string, string];
  return { repo, revision: decodeURIComponent(revision), path: path.split('/').map(decodeURIComponent).join('/') };
}

/** Origin of a source URL, for the CSP connect-src list. */
export const sourceOrigin = (base: string): string => new URL(base).origin;
