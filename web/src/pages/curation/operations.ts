import { graphql } from '../../graphql';

// What every mutation's result union shares: the typed errors, with the path of a bad argument.
export const MutationErrorFields = graphql(`
  fragment MutationErrorFields on Error @_unmask {
    message
    ... on InputValidationError {
      issues {
        path
        message
      }
    }
    ... on NotFoundError {
      key
      kind
    }
  }
`);

export const CurationClaimQuery = graphql(`
  query CurationClaim($key: String!) {
    claim(key: $key) {
      key
      statement
      rank
      deprecationReason
      credibility
      version
      corroboration {
        suggestedCredibility
      }
      attributions(first: 50) {
        totalCount
        edges {
          node {
            id
            stance
            quotation
            agent {
              key
              name
            }
            source {
              key
              title
            }
          }
        }
      }
    }
  }
`);

export const SourceTextQuery = graphql(`
  query SourceText($key: String!) {
    source(key: $key) {
      key
      text
    }
  }
`);

export const SetClaimRankMutation = graphql(
  `
  mutation SetClaimRank($key: String!, $rank: Rank!, $reason: String, $expectedVersion: Int!) {
    setClaimRank(key: $key, rank: $rank, reason: $reason, expectedVersion: $expectedVersion) {
      __typename
      ... on Claim {
        key
        rank
        deprecationReason
        version
      }
      ...MutationErrorFields
    }
  }
`,
  [MutationErrorFields],
);

export const SetClaimCredibilityMutation = graphql(
  `
  mutation SetClaimCredibility($key: String!, $credibility: Int, $expectedVersion: Int!) {
    setClaimCredibility(key: $key, credibility: $credibility, expectedVersion: $expectedVersion) {
      __typename
      ... on Claim {
        key
        credibility
        version
      }
      ...MutationErrorFields
    }
  }
`,
  [MutationErrorFields],
);

export const AddAttributionMutation = graphql(
  `
  mutation AddAttribution($claim: String!, $input: AttributionInput!) {
    addAttribution(claim: $claim, input: $input) {
      __typename
      ... on Attribution {
        id
        claim {
          key
          version
        }
      }
      ...MutationErrorFields
    }
  }
`,
  [MutationErrorFields],
);
