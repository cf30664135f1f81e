// The words the shell shows when a chunk, the strings' own included, cannot be loaded: these stay in
// the main bundle so a failed load is explained in English rather than in message keys.
export const enShell = {
  'app.viewFailed': 'This view could not be loaded: {reason}',
  'app.retry': 'Try again',
} as const;
