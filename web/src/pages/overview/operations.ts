import { graphql } from '../../graphql';

// The share of claims on one origin is computed from one page of claims (the API has no aggregate of
// it); the grades that disagree come from credibilityReview, which weighs the graded claims itself.
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
      __typename
      ... on UnscDraftConnection {
        totalCount
      }
    }
    claims(first: 100) {
      totalCount
      edges {
        node {
          modality
          rank
          corroboration {
            independentOrigins
          }
        }
      }
    }
    credibilityReview(first: 100) {
      totalCount
      pageInfo {
        hasNextPage
      }
      edges {
        curatedCredibility
        suggestedCredibility
        node {
          key
          statement
        }
      }
    }
    tensions(first: 10) {
      __typename
      ... on TensionConnection {
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
      ... on Error {
        message
      }
    }
    changes(first: 0) {
      __typename
      ... on ChangeConnection {
        totalCount
      }
      ... on Error {
        message
      }
    }
  }
`);

// The change feed reads forward from a cursor, and a subscription from now on: the overview shows the
// changes made while it is open, as they commit.
export const ChangesSubscription = graphql(`
  subscription OverviewChanges {
    changes {
      cursor
      node {
        at
        actor
        operation
        table
        recordId
        changedFields
        after
      }
    }
  }
`);
