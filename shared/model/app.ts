// Facts about the running app that the UI shows (where secrets live, which mode it runs in).
import { z } from 'zod';

export const AppInfo = z.object({
  version: z.string(),
  /** desktop: Electron; browser: `npm run serve`. */
  mode: z.enum(['desktop', 'browser']),
  userDataDir: z.string(),
  /** How secrets are kept at rest. */
  secrets: z.object({
    kind: z.enum(['os-keychain', 'key-file', 'plain']),
    /** One sentence for the UI. */
    description: z.string(),
  }),
  /** Messages from start-up the user should see once (e.g. a corrupt profile file set aside). */
  notices: z.array(z.string()),
});
export type AppInfo = z.infer<typeof AppInfo>;
