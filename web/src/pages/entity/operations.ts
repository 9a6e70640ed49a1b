import { StatementFields } from '../../fragments';
import { graphql } from '../../graphql';

export const EntityQuery = graphql(
  `
  query Entity($key: String!) {
    entity(key: $key) {
      key
      name
      kind
      description
      aliases {
        name
        language
      }
      identifiers {
        scheme
        value
      }
      roles {
        title
        validFrom
        validTo
        organisation {
          key
          name
        }
      }
      members {
        title
        validFrom
        validTo
        holder {
          key
          name
        }
      }
      claimsAbout(first: 50) {
        totalCount
        edges {
          node {
            key
            statement
            modality
            rank
            attributions(first: 10) {
              edges {
                node {
                  id
                  stance
                  agent {
                    key
                    name
                  }
                }
              }
            }
          }
        }
      }
      statements(first: 50, onItsBehalf: true) {
        totalCount
        edges {
          node {
            ...StatementFields
            claim {
              key
              statement
              modality
            }
            source {
              key
              title
            }
          }
        }
      }
      unscVotes(first: 1) {
        totalCount
      }
    }
    timeline(entity: $key, first: 100) {
      __typename
      ... on TimelineConnection {
        totalCount
        edges {
          node {
            at
            kind
            claim {
              key
              statement
            }
            unscDecision {
              key
              symbol
              outcome
              resolutionNumber
            }
          }
        }
      }
      ... on Error {
        message
      }
    }
  }
`,
  [StatementFields],
);

// An entity's own votes (entity.unscVotes) do not say which draft each was cast on; until they do, the
// page reads the drafts with their votes and keeps this member's.
export const MemberVotesQuery = graphql(`
  query MemberVotes {
    unscDrafts(first: 100) {
      __typename
      ... on UnscDraftConnection {
        totalCount
        edges {
          node {
            key
            symbol
            title
            voteDate
            outcome
            resolutionNumber
            votes {
              vote
              member {
                key
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
