import { graphql } from '../../graphql';

// Issue 16 brings a server-side list of claims whose grade disagrees with the evidence and statement-level
// corroboration; until then the page compares the grades of one page of claims itself.
export const OverviewQuery = graphql(`
  query Overview {
    entities {
      totalCount
    }
    sources {
      totalCount
    }
    attributions {
      totalCount
    }
    unscDrafts {
      totalCount
    }
    claims(first: 100) {
      totalCount
      edges {
        node {
          key
          statement
          modality
          rank
          credibility
          corroboration {
            independentOrigins
            suggestedCredibility
          }
        }
      }
    }
    tensions(first: 10) {
      __typename
      ... on QueryTensionsSuccess {
        data {
          totalCount
          edges {
            node {
              kind
              explanation
              claim {
                key
                statement
              }
            }
          }
        }
      }
      ... on Error {
        message
      }
    }
  }
`);
