import { Initial1795532863825 } from './1795532863825-Initial';
import { IdentityAndGroups1795534023992 } from './1795534023992-IdentityAndGroups';

// Migrations run in the order of this list (oldest first). scripts/migration-generate.js rewrites this file.
export const ALL_MIGRATIONS = [Initial1795532863825, IdentityAndGroups1795534023992];
