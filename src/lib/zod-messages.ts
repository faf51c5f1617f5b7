import { z } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

// Issue messages in English ("Invalid input: expected string, received number"): they reach
// deployers in configuration errors and operators in invalid answers. zod/mini sets none.
// Imported for this effect by every module that parses with zod.
z.config(en());
