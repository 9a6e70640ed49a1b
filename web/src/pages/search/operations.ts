import { graphql } from '../../graphql';

// Issue 23 moves `score` and `headline` onto the edge and returns the connection without the `data` hop;
// it also reports that the headline carries the source's own HTML, which the page renders as text.
export const SearchQuery = graphql(`
  query Search($query: String!, $types: [SearchType!], $after: String) {
    search(query: $query, types: $types, first: 20, after: $after) {
      __typename
      ... on QuerySearchSuccess {
        data {
          totalCount
          pageInfo {
            hasNextPage
            endCursor
          }
          edges {
            node {
              score
              headline
              node {
                __typename
                ... on Claim {
                  key
                  statement
                  modality
                }
                ... on Attribution {
                  id
                  agent {
                    name
                  }
                  claim {
                    key
                    statement
                  }
                  source {
                    title
                  }
                }
                ... on Source {
                  key
                  title
                  sourceKind: kind
                }
                ... on Entity {
                  key
                  name
                  entityKind: kind
                }
                ... on UnscDraft {
                  key
                  symbol
                  resolutionNumber
                  title
                }
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
