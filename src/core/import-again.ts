// A lazily loaded chunk whose fetch failed (a server hiccup, a connection dropped on a busy machine)
// is asked for once more before its failure reaches the person: browsers do not keep a failed
// dynamic import, so the second import() fetches again.

/** Runs `load`, and once more after `delayMs` if it rejects; the second failure is the one thrown. */
export async function importAgainOnFailure<T>(load: () => Promise<T>, delayMs = 250): Promise<T> {
  try {
    return await load();
  } catch {
    await new Promise((resume) => setTimeout(resume, delayMs));
    return load();
  }
}
