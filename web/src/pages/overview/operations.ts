import { graphql } from '../../graphql';

export const ChangeFields = graphql(`
  fragment ChangeFields on ChangeEdge {
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
`);

// The figures over claims are the database's (claimSummary); the grades that disagree come from
// credibilityReview, which weighs the graded claims itself.
export const OverviewQuery = graphql(
  `
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
    claimSummary {
      claims
      noOrigin
      oneOrigin
      severalOrigins
      oneOriginShare
      byModalityAndRank {
        modality
        rank
        claims
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
    changes(last: 20) {
      __typename
      ... on ChangeConnection {
        totalCount
        pageInfo {
          endCursor
        }
        edges {
          ...ChangeFields
        }
      }
      ... on Error {
        message
      }
    }
  }
`,
  [ChangeFields],
);

// The overview reads the latest changes, then subscribes from the last of them: changes made while it
// is open arrive on top, none missed between the two and none twice.
export const ChangesSubscription = graphql(
  `
  subscription OverviewChanges($after: String) {
    changes(after: $after) {
      ...ChangeFields
    }
  }
`,
  [ChangeFields],
);
