import { Initial1795532863825 } from './1795532863825-Initial';
import { Domains1795534327134 } from './1795534327134-Domains';

// Migrations run in the order of this list (oldest first). scripts/migration-generate.js rewrites this file.
export const ALL_MIGRATIONS = [Initial1795532863825, Domains1795534327134];
