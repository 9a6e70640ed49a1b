import { graphql } from '../../graphql';

export const SearchQuery = graphql(`
  query Search($query: String!, $types: [SearchType!], $after: String) {
    search(query: $query, types: $types, first: 20, after: $after) {
      __typename
      ... on SearchConnection {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
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
      ... on Error {
        message
      }
    }
  }
`);
