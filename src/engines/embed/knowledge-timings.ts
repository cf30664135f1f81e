// The names of the knowledge worker's User Timing entries, in a module of their own so the bench and
// the browser tests (Node) can read the names without loading the engine.

/** User Timing entries in the worker's timeline (DevTools shows them; the bench and the browser
 *  tests read them): what indexing and searching cost, and that a reopen embeds nothing. */
export const KNOWLEDGE_TIMINGS = {
  /** One batch of passages embedded; detail.passages. */
  embedPassages: 'hearth:embed-passages',
  /** One index() call: stored vectors added and missing ones made; detail.embedded, detail.indexed. */
  index: 'hearth:index',
  /** A search's question embedded. */
  embedQuery: 'hearth:embed-query',
  /** The index searched (keywords + vectors + fusion), the question's embedding excluded; detail.passages. */
  searchIndex: 'hearth:search-index',
} as const;
