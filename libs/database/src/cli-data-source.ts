// Entry for the TypeORM CLI (`npm run migration:*`), which wants a module whose default export is a DataSource.
import { createDataSource } from './data-source';

export default createDataSource();
