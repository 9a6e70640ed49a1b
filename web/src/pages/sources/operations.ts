import { StatementFields } from '../../fragments';
import { graphql } from '../../graphql';

// The scorecard's "claims resting on this source alone" needs each claim's origins: the page reads one
// page of claims with their corroboration, as the API has no per-source aggregate yet.
export const SourcesQuery = graphql(`
  query Sources {
    sources(first: 100) {
      totalCount
      edges {
        node {
          key
          title
          kind
          publishedAt
          publisher {
            key
            name
          }
          reliability {
            grade
          }
          attributions {
            totalCount
          }
          derivedFrom {
            kind
            origin {
              key
              title
            }
          }
          derivations {
            kind
            derived {
              key
              title
            }
          }
        }
      }
    }
    claims(first: 100) {
      totalCount
      edges {
        node {
          key
          corroboration {
            independentOrigins
            origins {
              source {
                key
              }
            }
          }
        }
      }
    }
  }
`);

export const SourceQuery = graphql(
  `
  query Source($key: String!) {
    source(key: $key) {
      key
      title
      kind
      url
      language
      publishedAt
      retrievedAt
      text
      publisher {
        key
        name
      }
      author {
        key
        name
      }
      reliability {
        grade
        gradedBy
        gradedAt
      }
      derivedFrom {
        kind
        note
        origin {
          key
          title
        }
      }
      derivations {
        kind
        note
        derived {
          key
          title
        }
      }
      attributions(first: 100) {
        totalCount
        edges {
          node {
            ...StatementFields
            claim {
              key
              statement
            }
          }
        }
      }
    }
  }
`,
  [StatementFields],
);
