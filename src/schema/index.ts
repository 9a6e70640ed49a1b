import { builder } from './builder';
import './scalars';
import './enums';
import './entity';
import './source';
import './claim';
import './unsc';
import './errors';
import './child-connections';
import './provenance';
import './analysis';
import './api-keys';
import './curation';
import './retraction';
import './history';
import './ingest';
import './changes';

export const schema = builder.toSchema({ sortSchema: false });
