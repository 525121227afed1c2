// Query parameters of /api/overview and /api/security (zod), shared by routes and pages. Pure.
import { z } from 'zod';
import { durationSeconds } from '@/lib/graph/query';

export const DEFAULT_WINDOW_SECONDS = 600;

export const WindowParams = z.object({ duration: durationSeconds.default(DEFAULT_WINDOW_SECONDS) }).strict();
export type WindowParams = z.output<typeof WindowParams>;

/** Windows offered by the pages' window pickers (seconds). */
export const windowChoices = [300, 600, 1800, 3600, 10800, 86400] as const;
