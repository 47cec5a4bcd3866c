import { Initial1795532863825 } from './1795532863825-Initial';
import { Identity1795533570880 } from './1795533570880-Identity';

// Migrations run in the order of this list. `npm run migration:generate -- <Name>` writes a new file here;
// add its class to the end of the list.
export const ALL_MIGRATIONS = [Initial1795532863825, Identity1795533570880];
