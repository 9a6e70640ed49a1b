import { StatementFields } from '../../fragments';
import { graphql } from '../../graphql';

// A page of sources with the figures the database computes for each (Source.scorecard): the page
// pages through them, however many there are.
export const SourcesQuery = graphql(`
  query Sources($after: String) {
    sources(first: 50, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          key
          title
          kind
          publisher {
            key
            name
          }
          reliability {
            grade
          }
          scorecard {
            statements
            claims
            supporting
            contradicting
            soleOrigin
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
