// Files that arrived from outside the app (the OS share sheet, through the service worker; or opened
// with Hearth, through the launch queue) and wait in a Cache for the Knowledge view to import them.
// Cache Storage because the service worker can write it without the page, and a File's bytes and
// name survive there as a Response. They stay until imported (the vault key, which seals documents,
// is the page's only), then go.
const CACHE = 'hearth-incoming-files';
const PREFIX = '/incoming-file/';

export interface IncomingFile {
  file: File;
  /** For removing it once imported. */
  key: string;
}

let sequence = 0;

export async function putIncomingFiles(files: readonly File[]): Promise<void> {
  const cache = await caches.open(CACHE);
  const stamp = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  for (const file of files) {
    // The order they came in is kept by the key's number; the name travels in the path.
    const key = new URL(
      `${PREFIX}${stamp}-${String(sequence++).padStart(4, '0')}/${encodeURIComponent(file.name)}`,
      location.origin,
    ).href;
    await cache.put(key, new Response(file, { headers: { 'Content-Type': file.type || 'application/octet-stream' } }));
  }
}

export async function incomingFiles(): Promise<IncomingFile[]> {
  if (!(await caches.has(CACHE))) return [];
  const cache = await caches.open(CACHE);
  const files: IncomingFile[] = [];
  for (const request of [...(await cache.keys())].sort((a, b) => (a.url < b.url ? -1 : 1))) {
    const response = await cache.match(request);
    if (!response) continue;
    const name = decodeURIComponent(new URL(request.url).pathname.split('/').pop() ?? 'shared file');
    const blob = await response.blob();
    files.push({ file: new File([blob], name, { type: blob.type }), key: request.url });
  }
  return files;
}

export async function removeIncomingFiles(keys: readonly string[]): Promise<void> {
  const cache = await caches.open(CACHE);
  await Promise.all(keys.map((key) => cache.delete(key)));
}
